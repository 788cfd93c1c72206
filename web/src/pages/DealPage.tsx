import type { DealDetail } from '../api';
import { BuyingRolesPanel } from '../components/InsightPanels';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { Fields, RecordLink, RecordTable, Section, StatusBadge } from '../components/ui';
import { formatAmount, formatDate } from '../format';

export function DealPage() {
  return (
    <RecordDetail<DealDetail> type="deal" kind="Deal">
      {(deal) => (
        <>
          <Section title="Details">
            <Fields
              fields={[
                [
                  'Account',
                  deal.accountId ? (
                    <RecordLink type="account" id={deal.accountId} name={deal.accountName} />
                  ) : null,
                ],
                ['Stage', deal.stage],
                ['Status', <StatusBadge status={deal.status} />],
                [
                  'Amount',
                  deal.amount === null
                    ? null
                    : `${formatAmount(deal.amount)}${deal.currency ? ` ${deal.currency}` : ''}`,
                ],
                ['Product', deal.product],
                ['Expected close', formatDate(deal.expectedCloseAt)],
                ['Closed', formatDate(deal.closedAt)],
                ['Owner', deal.ownerEmail],
                ['External id', deal.externalId],
              ]}
            />
          </Section>
          <BuyingRolesPanel key={deal.id} dealId={deal.id} />
          <div className="columns">
            <Section title="Contacts" count={deal.related.contacts.length}>
              <RecordTable
                caption="Contacts on this deal and their roles"
                columns={[
                  {
                    header: 'Name',
                    cell: (contact) => (
                      <RecordLink type="contact" id={contact.id} name={contact.name} />
                    ),
                  },
                  { header: 'Role', cell: (contact) => contact.role },
                ]}
                items={deal.related.contacts}
                empty="No contacts."
              />
            </Section>
            <Section title="Team" count={deal.related.team.length}>
              <RecordTable
                caption="Colleagues on this deal"
                columns={[
                  { header: 'Name', cell: (member) => member.name || member.email },
                  { header: 'E-mail', cell: (member) => member.email },
                ]}
                items={deal.related.team}
                empty="No team members."
              />
            </Section>
          </div>
          <RecordTimeline key={deal.id} type="deal" id={deal.id} />
        </>
      )}
    </RecordDetail>
  );
}
