import type { ReactNode } from 'react';
import type { ClosestColleague, DealBuyingRoles, GoingColdAccount } from '../api';
import { useResource } from '../use-resource';
import { LastAt, Score, TrendBadge } from './Connections';
import { ErrorText, Fields, Loading, RecordLink, RecordTable, Section } from './ui';

/** A resource's answer once it has come, its error if it failed, a spinner meanwhile. */
function Loaded<T>(props: {
  resource: { data: T | null; error: string | null };
  children: (data: T) => ReactNode;
}) {
  const { data, error } = props.resource;
  return (
    <>
      <ErrorText message={error} />
      {data ? props.children(data) : error ? null : <Loading />}
    </>
  );
}

type Role = DealBuyingRoles['unreached'][number];

const roleNames: Record<Role, string> = {
  decision_maker: 'Decision maker',
  finance: 'Finance',
  purchasing: 'Purchasing',
  legal: 'Legal',
  technical: 'Technical',
  user: 'User',
};

type RoleRow = DealBuyingRoles['roles'][number] & { id: string };

/** A deal's buying roles: who plays each, how well the team knows them, and the roles never reached. */
export function BuyingRolesPanel({ dealId }: { dealId: string }) {
  const coverage = useResource<DealBuyingRoles>(
    `/api/deals/${encodeURIComponent(dealId)}/buying-roles`,
  );
  return (
    <Section title="Buying roles">
      <Loaded resource={coverage}>
        {(data) => (
          <>
            <Fields
              fields={[
                ['Team score on this deal', <Score score={data.team.score} />],
                ['Team trend', <TrendBadge trend={data.team.trend} />],
                [
                  'Never reached',
                  data.unreached.length === 0
                    ? 'Every role'
                    : data.unreached.map((role) => roleNames[role]).join(', '),
                ],
              ]}
            />
            <RecordTable<RoleRow>
              caption="Buying roles of this deal"
              columns={[
                { header: 'Role', cell: (row) => roleNames[row.role] },
                {
                  header: 'Contacts',
                  cell: (row) =>
                    row.contacts.length === 0 ? (
                      <span className="muted">Nobody in this role</span>
                    ) : (
                      <ul className="plain">
                        {row.contacts.map((person) => (
                          <li key={person.contact.id}>
                            <RecordLink
                              type="contact"
                              id={person.contact.id}
                              name={person.contact.name}
                            />{' '}
                            <span className="muted">{person.title}</span>{' '}
                            <Score score={person.score} />
                          </li>
                        ))}
                      </ul>
                    ),
                },
                {
                  header: 'Reached',
                  cell: (row) =>
                    row.reached ? (
                      <span className="badge">reached</span>
                    ) : (
                      <span className="badge trend-cold">never reached</span>
                    ),
                },
              ]}
              items={data.roles.map((row) => ({ id: row.role, ...row }))}
              empty="No roles."
            />
          </>
        )}
      </Loaded>
    </Section>
  );
}

type Introducer = ClosestColleague & { id: string };

/** Whom to ask for an introduction: colleagues closest to the contact, scores only where mail is private. */
export function ClosestColleaguePanel({ contactId }: { contactId: string }) {
  const closest = useResource<{ items: ClosestColleague[] }>(
    `/api/contacts/${encodeURIComponent(contactId)}/closest-colleagues`,
  );
  return (
    <Section title="Closest colleague">
      <Loaded resource={closest}>
        {({ items }) => (
          <RecordTable<Introducer>
            caption="Colleagues to ask for an introduction"
            columns={[
              { header: 'Colleague', cell: (row) => row.user.name || row.user.email },
              { header: 'Score', cell: (row) => <Score score={row.score} /> },
              { header: 'Trend', cell: (row) => <TrendBadge trend={row.trend} /> },
              { header: 'Last interaction', cell: (row) => <LastAt at={row.lastAt} /> },
              {
                header: 'Their mail',
                cell: (row) =>
                  row.privateMail ? (
                    <span className="muted">Private: ask them for an introduction</span>
                  ) : (
                    'Shared with you'
                  ),
              },
            ]}
            items={items.map((row) => ({ id: row.user.id, ...row }))}
            empty="No colleague has written with this contact."
          />
        )}
      </Loaded>
    </Section>
  );
}

/** The rep's accounts with open deals whose team connection is cooling or cold, coldest first. */
export function GoingColdPanel() {
  const cold = useResource<{ items: GoingColdAccount[] }>('/api/me/going-cold');
  return (
    <Section title="Going cold" count={cold.data?.items.length}>
      <Loaded resource={cold}>
        {({ items }) => (
          <RecordTable<GoingColdAccount>
            caption="Accounts with your open deals going cold"
            columns={[
              {
                header: 'Account',
                cell: (row) => <RecordLink type="account" id={row.id} name={row.name} />,
              },
              {
                header: 'Open deals',
                cell: (row) => (
                  <ul className="plain">
                    {row.deals.map((deal) => (
                      <li key={deal.id}>
                        <RecordLink type="deal" id={deal.id} name={deal.name} />
                      </li>
                    ))}
                  </ul>
                ),
              },
              { header: 'Team score', cell: (row) => <Score score={row.score} /> },
              { header: 'Trend', cell: (row) => <TrendBadge trend={row.trend} /> },
              { header: 'Last interaction', cell: (row) => <LastAt at={row.lastAt} /> },
            ]}
            items={items}
            empty="None of your accounts with open deals is cooling."
          />
        )}
      </Loaded>
    </Section>
  );
}
