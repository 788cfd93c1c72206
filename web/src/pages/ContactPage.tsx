import type { ContactDetail } from '../api';
import { caseColumns } from '../columns';
import { ContactConnections } from '../components/Connections';
import { ClosestColleaguePanel } from '../components/InsightPanels';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { BestTimeToContact } from '../components/Tracking';
import { EmailList, Fields, RecordLink, RecordTable, Section, StatusBadge } from '../components/ui';

export function ContactPage() {
  return (
    <RecordDetail<ContactDetail> type="contact" kind="Contact">
      {(contact) => (
        <>
          <Section title="Details">
            <Fields
              fields={[
                ['E-mail', <EmailList emails={contact.emails} bounced={contact.related.bounced} />],
                ['Title', contact.title],
                [
                  'Account',
                  contact.accountId ? (
                    <RecordLink type="account" id={contact.accountId} name={contact.accountName} />
                  ) : null,
                ],
                ['Country', contact.country],
                ['Owner', contact.ownerEmail],
                ['External id', contact.externalId],
              ]}
            />
          </Section>
          <ContactConnections key={contact.id} contactId={contact.id} />
          <ClosestColleaguePanel key={`closest-${contact.id}`} contactId={contact.id} />
          <BestTimeToContact key={`best-${contact.id}`} contactId={contact.id} />
          <Section title="Deals" count={contact.related.deals.length}>
            <RecordTable
              caption="Deals this contact takes part in"
              columns={[
                {
                  header: 'Name',
                  cell: (deal) => <RecordLink type="deal" id={deal.id} name={deal.name} />,
                },
                { header: 'Status', cell: (deal) => <StatusBadge status={deal.status} /> },
              ]}
              items={contact.related.deals}
              empty="No deals."
            />
          </Section>
          <Section title="Cases" count={contact.related.cases.length}>
            <RecordTable
              caption="Cases of this contact"
              columns={caseColumns}
              items={contact.related.cases}
              empty="No cases."
            />
          </Section>
          <RecordTimeline key={contact.id} type="contact" id={contact.id} />
        </>
      )}
    </RecordDetail>
  );
}
