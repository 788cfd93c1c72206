import { Link } from 'react-router-dom';
import type { BreakGlassGrant } from '../api';
import { ErrorText, Loading, RecordTable, Section, type Column } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useResource } from '../use-resource';

const columns: Column<BreakGlassGrant>[] = [
  { header: 'When', cell: (grant) => formatDateTime(grant.grantedAt) },
  { header: 'Admin', cell: (grant) => grant.adminEmail },
  {
    header: 'What',
    cell: (grant) =>
      grant.wholeMailbox ? (
        'All your mail'
      ) : grant.messageId ? (
        <Link to={`/messages/${grant.messageId}`}>{grant.subject || '(no subject)'}</Link>
      ) : (
        'A message since deleted'
      ),
  },
  { header: 'Reason', cell: (grant) => grant.reason },
  { header: 'Until', cell: (grant) => formatDateTime(grant.expiresAt) },
];

/** The signed-in user's own list of admins' break-glass reads of their private mail. */
export function PrivateReadsPanel() {
  const reads = useResource<{ items: BreakGlassGrant[] }>('/api/me/break-glass');
  return (
    <Section title="Who read my private mail">
      <p className="muted">
        Your private mail, and mail waiting in your review queue, is hidden from admins too. An
        admin can read it only by breaking the glass: a read of one message or of all your mail, for
        a limited time, with a reason that is audited and listed here.
      </p>
      <ErrorText message={reads.error} />
      {reads.data ? (
        <RecordTable
          caption="Break-glass reads of my private mail"
          columns={columns}
          items={reads.data.items}
          empty="No admin has read your private mail."
        />
      ) : (
        <Loading />
      )}
    </Section>
  );
}
