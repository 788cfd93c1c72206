import { Fragment, useState } from 'react';
import type { AccountConnections, ContactConnection } from '../api';
import { formatDate } from '../format';
import { useResource } from '../use-resource';
import { ErrorText, Fields, Loading, RecordLink, RecordTable, Section, type Column } from './ui';

type Trend = ContactConnection['trend'];

const pointsFormat = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'always',
});

export function Score({ score }: { score: number }) {
  return (
    <span className="score">
      <meter min={0} max={100} value={score} aria-hidden="true" />
      <span className="number">{Math.round(score)}</span>
    </span>
  );
}

export function TrendBadge({ trend }: { trend: Trend }) {
  return <span className={`badge trend-${trend}`}>{trend}</span>;
}

export function LastAt({ at }: { at: string | null }) {
  return at ? <>{formatDate(at)}</> : <span className="muted">Never</span>;
}

/**
 * Each colleague's connection with a contact, strongest first; a colleague's
 * row opens the interactions that make up the score.
 */
export function ContactConnections({ contactId }: { contactId: string }) {
  const connections = useResource<{ items: ContactConnection[] }>(
    `/api/contacts/${encodeURIComponent(contactId)}/connections`,
  );
  const [open, setOpen] = useState<string | null>(null);
  const items = connections.data?.items;
  return (
    <Section title="Connections" count={items?.length}>
      <ErrorText message={connections.error} />
      {!items ? (
        connections.error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <p className="muted">No mail with this contact that you may see yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Colleagues’ connections with this contact</caption>
            <thead>
              <tr>
                <th scope="col">Colleague</th>
                <th scope="col">Score</th>
                <th scope="col">Trend</th>
                <th scope="col">Last interaction</th>
              </tr>
            </thead>
            <tbody>
              {items.map((connection) => {
                const expanded = open === connection.user.id;
                const breakdownId = `breakdown-${connection.user.id}`;
                return (
                  <Fragment key={connection.user.id}>
                    <tr>
                      <td>
                        <button
                          type="button"
                          className="link thread-toggle"
                          aria-expanded={expanded}
                          aria-controls={expanded ? breakdownId : undefined}
                          onClick={() => setOpen(expanded ? null : connection.user.id)}
                        >
                          {connection.user.name || connection.user.email}
                        </button>
                      </td>
                      <td>
                        <Score score={connection.score} />
                      </td>
                      <td>
                        <TrendBadge trend={connection.trend} />
                      </td>
                      <td>
                        <LastAt at={connection.lastAt} />
                      </td>
                    </tr>
                    {expanded ? (
                      <tr className="breakdown-row">
                        <td colSpan={4}>
                          <Breakdown id={breakdownId} connection={connection} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Breakdown({ id, connection }: { id: string; connection: ContactConnection }) {
  const name = connection.user.name || connection.user.email;
  return (
    <div id={id}>
      <ul className="plain breakdown" aria-label={`How ${name}’s score is made`}>
        {connection.breakdown.map((line, index) => (
          <li key={index}>
            <span className="number">{pointsFormat.format(line.points)}</span> {line.reason}
          </li>
        ))}
      </ul>
      <p className="muted">
        {connection.points.toFixed(1)} points, reciprocity {connection.reciprocity.toFixed(2)}
        {connection.reciprocity < 1 ? ' (one side writes more than the other)' : ''}.
      </p>
    </div>
  );
}

/** Who knows whom at an account: our people, theirs, others on the threads, and the team score. */
export function AccountConnectionsPanel({ accountId }: { accountId: string }) {
  const connections = useResource<AccountConnections>(
    `/api/accounts/${encodeURIComponent(accountId)}/connections`,
  );
  const data = connections.data;
  return (
    <Section title="Who knows whom">
      <ErrorText message={connections.error} />
      {!data ? (
        connections.error ? null : (
          <Loading />
        )
      ) : data.ours.length === 0 && data.theirs.length === 0 ? (
        <p className="muted">No mail with this account that you may see yet.</p>
      ) : (
        <WhoKnowsWhom connections={data} />
      )}
    </Section>
  );
}

type TheirSide = AccountConnections['theirs'][number] & { id: string };
type OurSide = AccountConnections['ours'][number] & { id: string };
type ThirdParty = AccountConnections['thirdParties'][number] & { id: string };

const thirdPartyWords: Record<ThirdParty['role'], string> = {
  lawyer: 'Lawyer',
  reseller: 'Reseller',
  partner: 'Partner',
  other: 'Other',
};

function WhoKnowsWhom({ connections: data }: { connections: AccountConnections }) {
  const nameOf = new Map(
    data.theirs.flatMap((side) => (side.contact ? [[side.address, side.contact.name]] : [])),
  );
  return (
    <div className="connections">
      <Fields
        fields={[
          ['Team score', <Score score={data.teamScore} />],
          ['Team trend', <TrendBadge trend={data.teamTrend} />],
        ]}
      />
      <h3>Our people</h3>
      <RecordTable<OurSide>
        caption="Our people"
        columns={[
          { header: 'Colleague', cell: (side) => side.user.name || side.user.email },
          ...scoreColumns,
          { header: 'Closest to', cell: (side) => nameOf.get(side.closest) ?? side.closest },
          lastColumn,
        ]}
        items={data.ours.map((side) => ({ id: side.user.id, ...side }))}
        empty="None of our people wrote to them in mail you may see."
      />
      <h3>Their people</h3>
      <RecordTable<TheirSide>
        caption="Their people"
        columns={[
          {
            header: 'Person',
            cell: (side) =>
              side.contact ? (
                <>
                  <RecordLink type="contact" id={side.contact.id} name={side.contact.name} />
                  <div className="muted">{side.address}</div>
                </>
              ) : (
                side.address
              ),
          },
          ...scoreColumns,
          {
            header: 'Ask for an introduction',
            cell: (side) => side.closestColleague.name || side.closestColleague.email,
          },
          lastColumn,
        ]}
        items={data.theirs.map((side) => ({ id: side.address, ...side }))}
        empty="No one at the account in mail you may see."
      />
      <h3>Third parties on the threads</h3>
      <p className="muted">Partners, resellers, lawyers: neither our firm nor the account’s.</p>
      <RecordTable<ThirdParty>
        caption="Third parties on the threads"
        columns={[
          { header: 'Address', cell: (party) => party.address },
          { header: 'Organisation', cell: (party) => party.organisation },
          {
            header: 'Role',
            cell: (party) => (
              <>
                <span className={`badge third-party-${party.role}`}>
                  {thirdPartyWords[party.role]}
                </span>
                <div className="muted">{party.reason}</div>
              </>
            ),
          },
          { header: 'Threads', cell: (party) => <span className="number">{party.threads}</span> },
        ]}
        items={data.thirdParties.map((party) => ({ id: party.address, ...party }))}
        empty="No one outside the account on these threads."
      />
    </div>
  );
}

interface Scored {
  score: number;
  trend: Trend;
  lastAt: string | null;
}

const scoreColumns: Column<Scored>[] = [
  { header: 'Score', cell: (side) => <Score score={side.score} /> },
  { header: 'Trend', cell: (side) => <TrendBadge trend={side.trend} /> },
];
const lastColumn: Column<Scored> = {
  header: 'Last interaction',
  cell: (side) => <LastAt at={side.lastAt} />,
};
