import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Page, RecordKind } from '../api';
import { NewRecordButton } from '../components/RecordActions';
import { ErrorText, Loading, RecordTable, type Column } from '../components/ui';
import { rangeLabel } from '../format';
import { useDocumentTitle, useResource } from '../use-resource';

const pageSize = 25;

/** A searchable, paged list of one record type; search and page live in the URL. */
export function RecordListPage<T extends { id: string }>(props: {
  type: RecordKind;
  title: string;
  apiPath: string;
  noun: string;
  columns: Column<T>[];
}) {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  const query = new URLSearchParams({ search, limit: String(pageSize), offset: String(offset) });
  const { data, error, loading } = useResource<Page<T>>(`${props.apiPath}?${query}`, {
    keepPrevious: true,
  });
  useDocumentTitle(props.title);

  function go(next: { search: string; offset: number }) {
    const nextParams = new URLSearchParams();
    if (next.search) nextParams.set('search', next.search);
    if (next.offset > 0) nextParams.set('offset', String(next.offset));
    setParams(nextParams);
  }

  return (
    <>
      <div className="page-head">
        <h1>{props.title}</h1>
        {data ? <p className="muted">{data.total} in total</p> : null}
      </div>
      <NewRecordButton type={props.type} />
      <SearchForm
        key={search}
        initial={search}
        label={`Search ${props.noun}`}
        onSearch={(value) => go({ search: value, offset: 0 })}
      />
      <ErrorText message={error} />
      {data ? (
        <div aria-busy={loading}>
          <RecordTable
            caption={props.title}
            columns={props.columns}
            items={data.items}
            empty={search ? `No ${props.noun} match “${search}”.` : `No ${props.noun} yet.`}
          />
          {data.total > 0 ? (
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                disabled={offset === 0}
                onClick={() => go({ search, offset: Math.max(0, offset - pageSize) })}
              >
                Previous
              </button>
              <span>{rangeLabel(offset, data.items.length, data.total)}</span>
              <button
                type="button"
                disabled={offset + data.items.length >= data.total}
                onClick={() => go({ search, offset: offset + pageSize })}
              >
                Next
              </button>
            </nav>
          ) : null}
        </div>
      ) : loading ? (
        <Loading />
      ) : null}
    </>
  );
}

function SearchForm(props: { initial: string; label: string; onSearch: (value: string) => void }) {
  const [value, setValue] = useState(props.initial);
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSearch(value.trim());
  }
  return (
    <form className="search" role="search" onSubmit={submit}>
      <label htmlFor="record-search">{props.label}</label>
      <input
        id="record-search"
        type="search"
        value={value}
        placeholder="Name, e-mail, domain or external id"
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit">Search</button>
      {props.initial ? (
        <button type="button" className="link" onClick={() => props.onSearch('')}>
          Clear
        </button>
      ) : null}
    </form>
  );
}
