import { useId, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, recordTables, type ConvertedLead, type RecordRef } from '../api';
import { asText, fieldErrors } from '../record-forms';
import { useApiSend, useResource } from '../use-resource';
import { RecordChoice } from './RecordChoice';
import { ErrorText, Loading, SubmitOrCancel } from './ui';

/**
 * Picks another contact or account and, after a confirmation naming both,
 * merges it into this one: its addresses or domains, mail and links follow.
 */
export function MergeForm(props: {
  type: 'contact' | 'account';
  survivor: RecordRef;
  onMerged: () => void;
  onCancel: () => void;
}) {
  const send = useApiSend();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<RecordRef | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const path = `/api/${recordTables[props.type]}`;
  const results = useResource<{ items: RecordRef[] }>(
    `${path}?limit=10&search=${encodeURIComponent(search)}`,
    { keepPrevious: true },
  );
  const candidates = (results.data?.items ?? []).filter((item) => item.id !== props.survivor.id);

  async function merge() {
    if (!chosen) return;
    try {
      await send('POST', `${path}/${props.survivor.id}/merge`, { mergeId: chosen.id });
      props.onMerged();
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <div
      className="panel merge"
      role="group"
      aria-label={`Merge another ${props.type} into this one`}
    >
      <h2>Merge another {props.type} into this one</h2>
      {chosen ? (
        <div role="alertdialog" aria-label="Confirm the merge">
          <p>
            Merge “{chosen.name || 'Untitled'}” into “{props.survivor.name || 'Untitled'}”? Its{' '}
            {props.type === 'contact' ? 'addresses' : 'domains'}, mail, links
            {props.type === 'contact'
              ? ', deal roles and cases'
              : ', contacts, deals and cases'}{' '}
            move here, and “{chosen.name || 'Untitled'}” is archived.
          </p>
          <ErrorText message={failure} />
          <div className="actions">
            <button type="button" className="danger" onClick={() => void merge()}>
              Merge
            </button>
            <button type="button" className="link" onClick={() => setChosen(null)}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <>
          <input
            type="search"
            aria-label={`Find the ${props.type} to merge`}
            placeholder="Name, e-mail or domain"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <ErrorText message={results.error} />
          {results.data ? (
            candidates.length === 0 ? (
              <p className="muted">Nothing found.</p>
            ) : (
              <ul className="plain picker-results">
                {candidates.map((record) => (
                  <li key={record.id}>
                    <button type="button" onClick={() => setChosen(record)}>
                      {record.name || 'Untitled'}
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : (
            <Loading />
          )}
          <button type="button" className="link" onClick={props.onCancel}>
            Cancel
          </button>
        </>
      )}
    </div>
  );
}

/** Turns a lead into a contact on a new or existing account, and perhaps a deal. */
export function ConvertLeadForm(props: {
  lead: RecordRef & Record<string, unknown>;
  onConverted: (contactId: string) => void;
  onCancel: () => void;
}) {
  const send = useApiSend();
  const id = useId();
  const [accountId, setAccountId] = useState('');
  const [accountName, setAccountName] = useState(asText(props.lead.company));
  const [withDeal, setWithDeal] = useState(false);
  const [dealName, setDealName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const converted = await send<ConvertedLead>('POST', `/api/leads/${props.lead.id}/convert`, {
        accountId: accountId || null,
        accountName,
        deal: withDeal ? { name: dealName } : null,
      });
      props.onConverted(converted.contactId);
    } catch (error) {
      setErrors(error instanceof ApiError ? fieldErrors(error.details) : {});
      setFailure(errorMessage(error));
    }
  }

  return (
    <form className="panel record-form" onSubmit={(event) => void submit(event)} noValidate>
      <h2>Convert this lead</h2>
      <p className="muted">
        The lead becomes a contact with its addresses; its mail and links move to the contact.
      </p>
      <div className="form-field">
        <label htmlFor={`${id}-account`}>Existing account</label>
        <RecordChoice
          id={`${id}-account`}
          type="account"
          label="Existing account"
          value={accountId}
          name=""
          onChange={(next) => setAccountId(next)}
        />
      </div>
      {accountId ? null : (
        <div className="form-field">
          <label htmlFor={`${id}-name`}>New account name</label>
          <input
            id={`${id}-name`}
            value={accountName}
            onChange={(event) => setAccountName(event.target.value)}
          />
          {errors.accountName ? <p className="field-error">{errors.accountName}</p> : null}
        </div>
      )}
      <div className="form-field">
        <label>
          <input
            type="checkbox"
            checked={withDeal}
            onChange={(event) => setWithDeal(event.target.checked)}
          />{' '}
          Also create a deal
        </label>
      </div>
      {withDeal ? (
        <div className="form-field">
          <label htmlFor={`${id}-deal`}>Deal name</label>
          <input
            id={`${id}-deal`}
            value={dealName}
            onChange={(event) => setDealName(event.target.value)}
          />
        </div>
      ) : null}
      <ErrorText message={failure} />
      <SubmitOrCancel label="Convert lead" onCancel={props.onCancel} />
    </form>
  );
}
