import type { DealDetail } from '../api';
import { BuyingRolesPanel } from '../components/InsightPanels';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { Fields, RecordLink, RecordTable, Section, StatusBadge } from '../components/ui';
import { productsTotal } from '../deal-parts';
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
                  { header: 'Role', cell: (member) => member.role },
                  { header: 'E-mail', cell: (member) => member.email },
                ]}
                items={deal.related.team}
                empty="No team members."
              />
            </Section>
          </div>
          <DealProducts deal={deal} />
          <RecordTimeline key={deal.id} type="deal" id={deal.id} />
        </>
      )}
    </RecordDetail>
  );
}

/** The deal's product lines and, when they share a currency, their total. */
function DealProducts({ deal }: { deal: DealDetail }) {
  const { products } = deal.related;
  const total = productsTotal(products, deal.currency);
  const money = (amount: number, currency: string | null) =>
    `${formatAmount(amount)}${currency ? ` ${currency}` : ''}`;
  return (
    <Section title="Products" count={products.length}>
      <RecordTable
        caption="Products on this deal"
        columns={[
          { header: 'Product', cell: (line) => line.name },
          { header: 'Quantity', cell: (line) => line.quantity },
          {
            header: 'Unit price',
            cell: (line) => money(line.unitPrice, line.currency ?? deal.currency),
          },
          {
            header: 'Line total',
            cell: (line) => money(line.quantity * line.unitPrice, line.currency ?? deal.currency),
          },
        ]}
        items={products.map((line, i) => ({ ...line, id: String(i) }))}
        empty="No products: edit the deal to add what it sells."
      />
      {total && products.length > 0 ? (
        <p className="muted">Total of the product lines: {money(total.amount, total.currency)}</p>
      ) : null}
    </Section>
  );
}
