import type { AccountSummary, CaseSummary, ContactSummary, DealSummary, LeadSummary } from './api';
import { RecordLink, StatusBadge, type Column } from './components/ui';
import { formatAmount, formatDate } from './format';

/** The columns each record type shows in lists, on its own list page and on related records. */

export const accountColumns: Column<AccountSummary>[] = [
  { header: 'Name', cell: (a) => <RecordLink type="account" id={a.id} name={a.name} /> },
  { header: 'Domains', cell: (a) => a.domains.join(', ') },
  {
    header: 'Parent',
    cell: (a) => <RecordLink type="account" id={a.parentId} name={a.parentName} />,
  },
  { header: 'Owner', cell: (a) => a.ownerEmail ?? '' },
];

export const contactColumns: Column<ContactSummary>[] = [
  { header: 'Name', cell: (c) => <RecordLink type="contact" id={c.id} name={c.name} /> },
  { header: 'E-mail', cell: (c) => c.emails[0] ?? '' },
  { header: 'Title', cell: (c) => c.title },
  {
    header: 'Account',
    cell: (c) => <RecordLink type="account" id={c.accountId} name={c.accountName} />,
  },
  { header: 'Country', cell: (c) => c.country },
];

export const leadColumns: Column<LeadSummary>[] = [
  { header: 'Name', cell: (l) => <RecordLink type="lead" id={l.id} name={l.name} /> },
  { header: 'E-mail', cell: (l) => l.emails[0] ?? '' },
  { header: 'Company', cell: (l) => l.company },
  { header: 'Status', cell: (l) => <StatusBadge status={l.status} /> },
  { header: 'Country', cell: (l) => l.country },
];

export const dealColumns: Column<DealSummary>[] = [
  { header: 'Name', cell: (d) => <RecordLink type="deal" id={d.id} name={d.name} /> },
  {
    header: 'Account',
    cell: (d) => <RecordLink type="account" id={d.accountId} name={d.accountName} />,
  },
  { header: 'Stage', cell: (d) => d.stage },
  { header: 'Status', cell: (d) => <StatusBadge status={d.status} /> },
  { header: 'Amount', cell: (d) => <span className="number">{formatAmount(d.amount)}</span> },
  { header: 'Closed', cell: (d) => formatDate(d.closedAt) },
];

export const caseColumns: Column<CaseSummary>[] = [
  { header: 'Number', cell: (k) => <RecordLink type="case" id={k.id} name={k.number} /> },
  { header: 'Subject', cell: (k) => k.name },
  {
    header: 'Account',
    cell: (k) => <RecordLink type="account" id={k.accountId} name={k.accountName} />,
  },
  { header: 'Status', cell: (k) => <StatusBadge status={k.status} /> },
];
