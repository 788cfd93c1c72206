import { useCallback, useState } from 'react';

/** Keyset paging: the cursors of the pages before the current one; the last is the current page's. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    isFirst: cursors.length === 0,
    newer: useCallback(() => setCursors((all) => all.slice(0, -1)), []),
    older: useCallback((next: string) => setCursors((all) => [...all, next]), []),
    reset: useCallback(() => setCursors([]), []),
  };
}

/** Newer and Older buttons over `useCursorPages`; `next` is the current answer's cursor. */
export function CursorPager(props: {
  pages: ReturnType<typeof useCursorPages>;
  next: string | null;
}) {
  const { pages, next } = props;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={pages.isFirst} onClick={pages.newer}>
        Newer
      </button>
      <button type="button" disabled={next === null} onClick={() => next && pages.older(next)}>
        Older
      </button>
    </nav>
  );
}
