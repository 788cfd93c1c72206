import { useState, type FormEvent, type ReactNode } from 'react';
import type { RecordRef, ReviewThread } from '../../api';
import { RecordPicker } from '../../components/RecordPicker';

type DealChoice = 'suggested' | 'existing' | 'new';

/** Include the thread as suggested, minus the people taken off its address list, plus a deal. */
export function IncludeForm(props: {
  thread: ReviewThread;
  onSubmit: (body: unknown) => Promise<void>;
  onCancel: () => void;
}) {
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set(props.thread.participants));
  const [choice, setChoice] = useState<DealChoice>('suggested');
  const [deal, setDeal] = useState<RecordRef | null>(null);
  const [name, setName] = useState(props.thread.subject);
  const [stage, setStage] = useState('Qualification');
  const [product, setProduct] = useState('');
  const [sameAddresses, setSameAddresses] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    await props.onSubmit({
      addresses: [...kept],
      sameAddresses,
      ...(choice === 'existing' && deal ? { dealId: deal.id } : {}),
      ...(choice === 'new'
        ? { newDeal: { name, stage, ...(product.trim() ? { product: product.trim() } : {}) } }
        : {}),
    });
    setBusy(false);
  }

  return (
    <form
      className="picker"
      aria-label={`Include ${props.thread.subject || '(no subject)'}`}
      onSubmit={(event) => void submit(event)}
    >
      <fieldset>
        <legend>Address list</legend>
        {props.thread.participants.map((address) => (
          <label key={address} className="check">
            <input
              type="checkbox"
              checked={kept.has(address)}
              onChange={(event) =>
                setKept((all) => {
                  const next = new Set(all);
                  if (event.target.checked) next.add(address);
                  else next.delete(address);
                  return next;
                })
              }
            />{' '}
            {address}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Deal</legend>
        <Choice name="deal" value="suggested" current={choice} onPick={setChoice}>
          As suggested
        </Choice>
        <Choice name="deal" value="existing" current={choice} onPick={setChoice}>
          On a deal{deal ? `: ${deal.name}` : ''}
        </Choice>
        {choice === 'existing' && !deal ? (
          <RecordPicker
            initialType="deal"
            title="Find the deal"
            onPick={(_type, record) => setDeal(record)}
            onCancel={() => setChoice('suggested')}
          />
        ) : null}
        <Choice name="deal" value="new" current={choice} onPick={setChoice}>
          On a new deal
        </Choice>
        {choice === 'new' ? (
          <div className="form-row">
            <label>
              Deal name <input value={name} onChange={(event) => setName(event.target.value)} />
            </label>{' '}
            <label>
              Stage <input value={stage} onChange={(event) => setStage(event.target.value)} />
            </label>{' '}
            <label>
              Product <input value={product} onChange={(event) => setProduct(event.target.value)} />
            </label>
          </div>
        ) : null}
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={sameAddresses}
          onChange={(event) => setSameAddresses(event.target.checked)}
        />{' '}
        Also include the other rows with the same addresses
      </label>
      <div className="actions">
        <button type="submit" disabled={busy || (choice === 'existing' && !deal)}>
          Include
        </button>
        <button type="button" className="link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Choice(props: {
  name: string;
  value: DealChoice;
  current: DealChoice;
  onPick: (value: DealChoice) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input
        type="radio"
        name={props.name}
        checked={props.current === props.value}
        onChange={() => props.onPick(props.value)}
      />{' '}
      {props.children}
    </label>
  );
}
