import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { SearchPage as SearchResults } from '../api';
import { ErrorText, Loading } from '../components/ui';
import { formatDateTime } from '../mail-words';
import { useDocumentTitle, useResource } from '../use-resource';

const pageSize = 25;

/** Full-text search over the captured mail the user may see; the query lives in the URL. */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const [text, setText] = useState(q);
  useDocumentTitle(q ? `Search: ${q}` : 'Search mail');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    setParams(next);
  }

  return (
    <>
      <div className="page-head">
        <h1>Search mail</h1>
      </div>
      <form className="search" role="search" onSubmit={submit}>
        <input
          aria-label="Search mail"
          value={text}
          placeholder='Words, "a phrase", or, -excluded'
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit">Search</button>
      </form>
      {q ? (
        <Results
          q={q}
          offset={offset}
          onPage={(next) => setParams(new URLSearchParams({ q, offset: String(next) }))}
        />
      ) : (
        <p className="muted">Search subjects and bodies of the mail you may read.</p>
      )}
    </>
  );
}

function Results(props: { q: string; offset: number; onPage: (offset: number) => void }) {
  const query = new URLSearchParams({
    q: props.q,
    limit: String(pageSize),
    offset: String(props.offset),
  });
  const { data, error, loading } = useResource<SearchResults>(`/api/search?${query}`, {
    keepPrevious: true,
  });
  if (error) return <ErrorText message={error} />;
  if (!data) return <Loading />;
  if (data.items.length === 0) return <p className="muted">No mail matches “{props.q}”.</p>;
  return (
    <div aria-busy={loading}>
      <ol className="search-results">
        {data.items.map((hit) => (
          <li key={hit.id}>
            <Link to={`/messages/${encodeURIComponent(hit.id)}`}>
              {hit.subject || '(no subject)'}
            </Link>
            <span className="muted">
              {' '}
              {hit.fromAddress ?? ''} · {formatDateTime(hit.sentAt)}
            </span>
            {hit.snippet ? <p className="snippet">{highlight(hit.snippet)}</p> : null}
          </li>
        ))}
      </ol>
      <nav className="pager" aria-label="Pages">
        <button
          type="button"
          disabled={props.offset === 0}
          onClick={() => props.onPage(Math.max(0, props.offset - pageSize))}
        >
          Previous
        </button>
        <button
          type="button"
          disabled={data.nextOffset === null}
          onClick={() => props.onPage(data.nextOffset ?? props.offset)}
        >
          Next
        </button>
      </nav>
    </div>
  );
}

/** The search marks matches with <b>…</b>; they become <mark>, everything else stays text. */
function highlight(snippet: string): ReactNode[] {
  return snippet
    .split(/(<b>.*?<\/b>)/g)
    .map((part, index) =>
      part.startsWith('<b>') && part.endsWith('</b>') ? (
        <mark key={index}>{part.slice(3, -4)}</mark>
      ) : (
        part
      ),
    );
}
