import type { CaseDetail, ContactDetail } from '../api';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { Fields, RecordLink, Section, StatusBadge } from '../components/ui';
import { useResource } from '../use-resource';

export function CasePage() {
  return (
    <RecordDetail<CaseDetail>
      type="case"
      kind="Case"
      title={(k) => (k.name ? `${k.number}: ${k.name}` : k.number)}
    >
      {(k) => (
        <>
          <Section title="Details">
            <Fields
              fields={[
                ['Number', k.number],
                ['Subject', k.name],
                ['Status', <StatusBadge status={k.status} />],
                [
                  'Account',
                  k.accountId ? (
                    <RecordLink type="account" id={k.accountId} name={k.accountName} />
                  ) : null,
                ],
                ['Contact', k.contactId ? <ContactName id={k.contactId} /> : null],
                ['External id', k.externalId],
              ]}
            />
          </Section>
          <RecordTimeline key={k.id} type="case" id={k.id} />
        </>
      )}
    </RecordDetail>
  );
}

/** The case record carries only the contact's id; its name comes from the contact itself. */
function ContactName({ id }: { id: string }) {
  const { data } = useResource<ContactDetail>(`/api/contacts/${encodeURIComponent(id)}`);
  return <RecordLink type="contact" id={id} name={data?.name ?? 'Contact'} />;
}
