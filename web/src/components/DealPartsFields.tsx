import { useId, useState, type ReactNode } from 'react';
import type { Colleague } from '../api';
import { contactRoles, emptyProduct, teamRoles, type DealParts } from '../deal-parts';
import { useResource } from '../use-resource';
import { RecordChoice } from './RecordChoice';
import { PersonSelect } from './ui';

type Change = (update: (parts: DealParts) => DealParts) => void;

/** Replaces row `i` of a list with `patch` applied. */
const patched = <T,>(rows: T[], i: number, patch: Partial<T>) =>
  rows.map((row, j) => (j === i ? { ...row, ...patch } : row));
const without = <T,>(rows: T[], i: number) => rows.filter((_, j) => j !== i);

/**
 * The deal form's contact roles, team and products. A refused cell is
 * marked and the server's words shown under its row (`errors` by full
 * path, such as `products.1.quantity`).
 */
export function DealPartsFields(props: {
  parts: DealParts;
  errors: Record<string, string>;
  onChange: Change;
}) {
  const { parts, errors, onChange } = props;
  const id = useId();
  return (
    <>
      <datalist id={`${id}-contact-roles`}>
        {contactRoles.map((role) => (
          <option key={role} value={role} />
        ))}
      </datalist>
      <datalist id={`${id}-team-roles`}>
        {teamRoles.map((role) => (
          <option key={role} value={role} />
        ))}
      </datalist>
      <fieldset className="deal-parts">
        <legend>Contacts and their roles</legend>
        {parts.contacts.map((contact, i) => (
          <PartRow key={contact.contactId} errors={errors} path={`contacts.${i}`}>
            <span>{contact.name || 'Unnamed contact'}</span>
            <input
              aria-label={`Role of ${contact.name}`}
              list={`${id}-contact-roles`}
              value={contact.role}
              aria-invalid={errors[`contacts.${i}.role`] ? true : undefined}
              onChange={(e) =>
                onChange((p) => ({
                  ...p,
                  contacts: patched(p.contacts, i, { role: e.target.value }),
                }))
              }
            />
            <RemoveButton
              label={`Remove ${contact.name}`}
              onClick={() => onChange((p) => ({ ...p, contacts: without(p.contacts, i) }))}
            />
          </PartRow>
        ))}
        <AddContact parts={parts} onChange={onChange} />
      </fieldset>
      <fieldset className="deal-parts">
        <legend>Team</legend>
        {parts.team.map((member, i) => (
          <PartRow key={member.userId} errors={errors} path={`team.${i}`}>
            <span>{member.name}</span>
            <input
              aria-label={`Role of ${member.name}`}
              list={`${id}-team-roles`}
              value={member.role}
              onChange={(e) =>
                onChange((p) => ({ ...p, team: patched(p.team, i, { role: e.target.value }) }))
              }
            />
            <RemoveButton
              label={`Remove ${member.name}`}
              onClick={() => onChange((p) => ({ ...p, team: without(p.team, i) }))}
            />
          </PartRow>
        ))}
        <AddTeamMember parts={parts} onChange={onChange} />
      </fieldset>
      <fieldset className="deal-parts">
        <legend>Products</legend>
        {parts.products.map((product, i) => (
          <PartRow key={i} errors={errors} path={`products.${i}`}>
            {(['name', 'quantity', 'unitPrice', 'currency'] as const).map((cell) => (
              <input
                key={cell}
                aria-label={`${productCells[cell]} of product ${i + 1}`}
                placeholder={productCells[cell]}
                inputMode={cell === 'quantity' || cell === 'unitPrice' ? 'decimal' : undefined}
                value={product[cell]}
                aria-invalid={errors[`products.${i}.${cell}`] ? true : undefined}
                onChange={(e) =>
                  onChange((p) => ({
                    ...p,
                    products: patched(p.products, i, { [cell]: e.target.value }),
                  }))
                }
              />
            ))}
            <RemoveButton
              label={`Remove product ${i + 1}`}
              onClick={() => onChange((p) => ({ ...p, products: without(p.products, i) }))}
            />
          </PartRow>
        ))}
        <button
          type="button"
          onClick={() => onChange((p) => ({ ...p, products: [...p.products, emptyProduct] }))}
        >
          Add product
        </button>
        <p className="hint">Currency: a three-letter code such as EUR; empty for the deal’s.</p>
      </fieldset>
    </>
  );
}

const productCells = {
  name: 'Name',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  currency: 'Currency',
} as const;

/** One row, and the server's words for any of its cells under it. */
function PartRow(props: { path: string; errors: Record<string, string>; children: ReactNode }) {
  const messages = Object.entries(props.errors)
    .filter(([path]) => path === props.path || path.startsWith(`${props.path}.`))
    .map(([path, message]) => `${path.slice(props.path.length + 1) || 'row'}: ${message}`);
  return (
    <div className={messages.length > 0 ? 'part-row invalid' : 'part-row'}>
      <div className="form-actions">{props.children}</div>
      {messages.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
    </div>
  );
}

function RemoveButton(props: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="link" aria-label={props.label} onClick={props.onClick}>
      Remove
    </button>
  );
}

function AddContact({ parts, onChange }: { parts: DealParts; onChange: Change }) {
  const id = useId();
  const [pick, setPick] = useState({ id: '', name: '' });
  const add = () => {
    if (!pick.id || parts.contacts.some((c) => c.contactId === pick.id)) return;
    onChange((p) => ({
      ...p,
      contacts: [...p.contacts, { contactId: pick.id, name: pick.name, role: '' }],
    }));
    setPick({ id: '', name: '' });
  };
  return (
    <div className="form-actions">
      <label htmlFor={id}>Contact to add</label>
      <RecordChoice
        id={id}
        type="contact"
        label="Contact to add"
        value={pick.id}
        name={pick.name}
        onChange={(next, name) => setPick({ id: next, name })}
      />
      <button type="button" onClick={add} disabled={!pick.id}>
        Add contact
      </button>
    </div>
  );
}

function AddTeamMember({ parts, onChange }: { parts: DealParts; onChange: Change }) {
  const id = useId();
  const colleagues = useResource<{ items: Colleague[] }>('/api/sharing/users');
  const [pick, setPick] = useState('');
  const candidates = (colleagues.data?.items ?? []).filter(
    (user) => !parts.team.some((m) => m.userId === user.id),
  );
  const add = () => {
    const user = candidates.find((candidate) => candidate.id === pick);
    if (!user) return;
    onChange((p) => ({
      ...p,
      team: [...p.team, { userId: user.id, name: user.name || user.email, role: '' }],
    }));
    setPick('');
  };
  return (
    <div className="form-actions">
      <label htmlFor={id}>Colleague to add</label>
      <PersonSelect
        id={id}
        people={candidates}
        value={pick}
        onChange={setPick}
        placeholder="Choose a colleague…"
      />
      <button type="button" onClick={add} disabled={!pick}>
        Add to team
      </button>
    </div>
  );
}
