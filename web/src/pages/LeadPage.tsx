import type { LeadDetail } from '../api';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { EmailList, Fields, Section, StatusBadge } from '../components/ui';

export function LeadPage() {
  return (
    <RecordDetail<LeadDetail> type="lead" kind="Lead">
      {(lead) => (
        <>
          <Section title="Details">
            <Fields
              fields={[
                ['E-mail', <EmailList emails={lead.emails} />],
                ['Company', lead.company],
                ['Status', <StatusBadge status={lead.status} />],
                ['Country', lead.country],
                ['Owner', lead.ownerEmail],
                ['External id', lead.externalId],
              ]}
            />
          </Section>
          <RecordTimeline key={lead.id} type="lead" id={lead.id} />
        </>
      )}
    </RecordDetail>
  );
}
