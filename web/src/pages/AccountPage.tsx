import { Link } from 'react-router-dom';
import { recordUrl, type AccountDetail, type RecordRef } from '../api';
import { caseColumns, contactColumns, dealColumns } from '../columns';
import { AccountConnectionsPanel } from '../components/Connections';
import { RecordDetail } from '../components/RecordDetail';
import { RecordTimeline } from '../components/Timeline';
import { Fields, RecordTable, Section } from '../components/ui';

export function AccountPage() {
  return (
    <RecordDetail<AccountDetail>
      type="account"
      kind="Account"
      trail={(account) => [...account.related.ancestors].reverse()}
    >
      {(account) => (
        <>
          <div className="columns">
            <Section title="Details">
              <Fields
                fields={[
                  ['External id', account.externalId],
                  ['Owner', account.ownerEmail],
                  [
                    'Domains',
                    account.domains.length > 0 ? (
                      <ul className="plain">
                        {account.domains.map((domain) => (
                          <li key={domain}>{domain}</li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">None</span>
                    ),
                  ],
                ]}
              />
            </Section>
            <Section title="Hierarchy">
              <Hierarchy account={account} />
            </Section>
          </div>
          <AccountConnectionsPanel key={account.id} accountId={account.id} />
          <Section title="Contacts" count={account.related.contacts.length}>
            <RecordTable
              caption="Contacts of this account"
              columns={contactColumns.filter((column) => column.header !== 'Account')}
              items={account.related.contacts}
              empty="No contacts."
            />
          </Section>
          <Section title="Deals" count={account.related.deals.length}>
            <RecordTable
              caption="Deals of this account"
              columns={dealColumns.filter((column) => column.header !== 'Account')}
              items={account.related.deals}
              empty="No deals."
            />
          </Section>
          <Section title="Cases" count={account.related.cases.length}>
            <RecordTable
              caption="Cases of this account"
              columns={caseColumns.filter((column) => column.header !== 'Account')}
              items={account.related.cases}
              empty="No cases."
            />
          </Section>
          <RecordTimeline key={account.id} type="account" id={account.id} />
        </>
      )}
    </RecordDetail>
  );
}

/** The chain of parents down to this account, then its direct children, as a nested list. */
function Hierarchy({ account }: { account: AccountDetail }) {
  const { ancestors, children } = account.related;
  if (ancestors.length === 0 && children.length === 0) {
    return <p className="muted">Not part of a hierarchy.</p>;
  }
  const chain: RecordRef[] = [...ancestors].reverse();
  const current = (
    <li>
      <span className="current" aria-current="true">
        {account.name}
      </span>
      {children.length > 0 ? (
        <ul className="tree">
          {children.map((child) => (
            <li key={child.id}>
              <Link to={recordUrl('account', child.id)}>{child.name}</Link>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
  const tree = chain.reduceRight(
    (inner, ancestor) => (
      <li key={ancestor.id}>
        <Link to={recordUrl('account', ancestor.id)}>{ancestor.name}</Link>
        <ul className="tree">{inner}</ul>
      </li>
    ),
    current,
  );
  return <ul className="tree root">{tree}</ul>;
}
