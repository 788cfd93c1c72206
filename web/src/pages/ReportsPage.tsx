import { useMemo, useState, type FormEvent } from 'react';
import type {
  AuditTrailReport,
  EngagementReport,
  ResponseTimesReport,
  TemplatesReport,
  VolumeReport,
} from '../../../src/api-shapes/reports';
import { ErrorText, Loading, Section } from '../components/ui';
import { useDocumentTitle, useResource } from '../use-resource';
import { ReportChart } from './ReportsChart';

const colors = { inbound: '#2b6cb0', outbound: '#2f855a', meeting: '#b7791f', other: '#805ad5' };
const kinds = ['inbound', 'outbound', 'meeting'] as const;
const recordTypes = ['account', 'contact', 'deal', 'lead', 'case'] as const;

interface Filters {
  from: string;
  to: string;
  teamId: string;
  ownerId: string;
  recordType: string;
  recordId: string;
}

const noFilters: Filters = {
  from: '',
  to: '',
  teamId: '',
  ownerId: '',
  recordType: '',
  recordId: '',
};

/** The filters as a query string; a record counts only with both its type and id. */
function queryOf(filters: Filters, extra: Record<string, string> = {}): string {
  const { recordType, recordId, ...rest } = filters;
  const record = recordType && recordId ? { recordType, recordId } : {};
  const entries = Object.entries({ ...rest, ...record, ...extra }).filter(([, value]) => value);
  return new URLSearchParams(entries).toString();
}

/** CSV and PDF of one report, with the filters on screen. */
function Exports({ name, query }: { name: string; query: string }) {
  const href = (format: string) => `/api/reports/${name}/export?${query}&format=${format}`;
  return (
    <p className="toolbar">
      <a href={href('csv')} download>
        CSV
      </a>{' '}
      <a href={href('pdf')} download>
        PDF
      </a>
    </p>
  );
}

/**
 * The reports a manager reads weekly, each a chart with its figures, CSV
 * and PDF: engagement over time, volume per rep and team, response times,
 * template rates, and the audit trail of a chosen record. Only mail the
 * reader may see is counted.
 */
export function ReportsPage() {
  useDocumentTitle('Reports');
  const [draft, setDraft] = useState<Filters>(noFilters);
  const [filters, setFilters] = useState<Filters>(noFilters);
  const query = queryOf(filters);
  const everyone = useResource<VolumeReport>(
    `/api/reports/volume?${queryOf({ ...noFilters, from: filters.from, to: filters.to })}`,
  );
  const set = (field: keyof Filters) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters(draft);
  };

  return (
    <>
      <h1>Reports</h1>
      <form className="report-filters" aria-label="Report filters" onSubmit={apply}>
        <label>
          From <input type="date" value={draft.from} onChange={set('from')} />
        </label>
        <label>
          To <input type="date" value={draft.to} onChange={set('to')} />
        </label>
        <label>
          Team
          <select aria-label="Team" value={draft.teamId} onChange={set('teamId')}>
            <option value="">All teams</option>
            {everyone.data?.teams.map(({ team }) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <select aria-label="Owner" value={draft.ownerId} onChange={set('ownerId')}>
            <option value="">Everyone</option>
            {everyone.data?.reps.map(({ user }) => (
              <option key={user.id} value={user.id}>
                {user.name || user.email}
              </option>
            ))}
          </select>
        </label>
        <label>
          Record
          <select aria-label="Record type" value={draft.recordType} onChange={set('recordType')}>
            <option value="">All mail</option>
            {recordTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label>
          Record id <input value={draft.recordId} onChange={set('recordId')} />
        </label>
        <button type="submit">Show</button>
      </form>
      <Engagement query={query} />
      <Volume query={query} />
      <ResponseTimes query={query} />
      <Templates query={query} />
      {filters.recordType && filters.recordId ? <AuditTrail query={query} /> : null}
    </>
  );
}

function Engagement({ query }: { query: string }) {
  const report = useResource<EngagementReport>(`/api/reports/engagement?${query}`, {
    live: ['mail', 'links'],
  });
  const chart = useMemo(() => {
    const series = report.data?.series ?? [];
    return {
      x: series.map((row) => Date.parse(`${row.start}T00:00:00Z`) / 1000),
      series: kinds.map((kind) => ({
        label: kind,
        color: colors[kind],
        values: series.map((row) => row[kind]),
      })),
    };
  }, [report.data]);
  return (
    <Section title="Engagement over time">
      {report.data ? (
        <>
          <ReportChart title="Messages and meetings per week" x={chart.x} series={chart.series} />
          <Exports name="engagement" query={query} />
        </>
      ) : (
        <Loaded error={report.error} />
      )}
    </Section>
  );
}

function Volume({ query }: { query: string }) {
  const report = useResource<VolumeReport>(`/api/reports/volume?${query}`, {
    live: ['mail', 'links'],
  });
  const chart = useMemo(() => {
    const reps = report.data?.reps ?? [];
    return {
      categories: reps.map((row) => row.user.name || row.user.email),
      series: kinds.map((kind) => ({
        label: kind,
        color: colors[kind],
        values: reps.map((row) => row[kind]),
      })),
    };
  }, [report.data]);
  return (
    <Section title="Volume per rep and team">
      {report.data ? (
        <>
          <ReportChart
            title="Messages per rep"
            categories={chart.categories}
            series={chart.series}
          />
          <table aria-label="Volume per team">
            <thead>
              <tr>
                <th>Team</th>
                <th>Inbound</th>
                <th>Outbound</th>
                <th>Meetings</th>
                <th>Total</th>
              </tr>
            </thead>
            <tbody>
              {report.data.teams.map((row) => (
                <tr key={row.team.id}>
                  <td>{row.team.name}</td>
                  <td>{row.inbound}</td>
                  <td>{row.outbound}</td>
                  <td>{row.meeting}</td>
                  <td>{row.total}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Exports name="volume" query={query} />
        </>
      ) : (
        <Loaded error={report.error} />
      )}
    </Section>
  );
}

function ResponseTimes({ query }: { query: string }) {
  const report = useResource<ResponseTimesReport>(`/api/reports/response-times?${query}`);
  const chart = useMemo(() => {
    const names = [
      ...new Set((report.data?.reps ?? []).map((row) => row.user.name || row.user.email)),
    ];
    const minutesOf = (side: 'ours' | 'theirs') =>
      names.map(
        (name) =>
          report.data?.reps.find(
            (row) => (row.user.name || row.user.email) === name && row.side === side,
          )?.medianMinutes ?? 0,
      );
    return {
      categories: names,
      series: [
        { label: 'ours (median minutes)', color: colors.outbound, values: minutesOf('ours') },
        { label: 'theirs (median minutes)', color: colors.inbound, values: minutesOf('theirs') },
      ],
    };
  }, [report.data]);
  return (
    <Section title="Response times in working hours">
      {report.data ? (
        <>
          <ReportChart
            title="Median working minutes to answer"
            categories={chart.categories}
            series={chart.series}
          />
          <ul aria-label="Response times overall">
            {report.data.overall.map((row) => (
              <li key={row.side}>
                {row.side}: median {Math.round(row.medianMinutes)} min, p90{' '}
                {Math.round(row.p90Minutes)} min ({row.count} answers)
              </li>
            ))}
          </ul>
          <Exports name="response-times" query={query} />
        </>
      ) : (
        <Loaded error={report.error} />
      )}
    </Section>
  );
}

function Templates({ query }: { query: string }) {
  const report = useResource<TemplatesReport>(`/api/reports/templates?${query}`);
  const chart = useMemo(() => {
    const items = report.data?.items ?? [];
    return {
      categories: items.map((row) => row.name),
      series: [
        {
          label: 'open rate %',
          color: colors.inbound,
          values: items.map((row) => row.openRate * 100),
        },
        {
          label: 'click rate %',
          color: colors.other,
          values: items.map((row) => row.clickRate * 100),
        },
      ],
    };
  }, [report.data]);
  return (
    <Section title="Template open and click rates">
      {report.data ? (
        <>
          {report.data.items.length ? (
            <ReportChart
              title="Opens and clicks per template"
              categories={chart.categories}
              series={chart.series}
            />
          ) : (
            <p>No tracked mail written from a template in this range.</p>
          )}
          <Exports name="templates" query={query} />
        </>
      ) : (
        <Loaded error={report.error} />
      )}
    </Section>
  );
}

function AuditTrail({ query }: { query: string }) {
  const report = useResource<AuditTrailReport>(`/api/reports/audit-trail?${query}`, {
    live: ['mail', 'links'],
  });
  return (
    <Section title="Communication audit trail">
      {report.data ? (
        <>
          <table aria-label="Audit trail">
            <thead>
              <tr>
                <th>When</th>
                <th>What</th>
                <th>Subject</th>
                <th>From</th>
              </tr>
            </thead>
            <tbody>
              {report.data.items.map((entry) => (
                <tr key={`${entry.kind}/${entry.id}`}>
                  <td>{new Date(entry.at).toLocaleString()}</td>
                  <td>{entry.kind === 'link' ? `link ${entry.detail ?? ''}` : entry.kind}</td>
                  <td>{entry.subject}</td>
                  <td>{entry.from ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Exports name="audit-trail" query={query} />
        </>
      ) : (
        <Loaded error={report.error} />
      )}
    </Section>
  );
}

function Loaded({ error }: { error: string | null }) {
  return error ? <ErrorText message={error} /> : <Loading />;
}
