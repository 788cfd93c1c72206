import { useEffect, useState } from 'react';
import { ApiError, apiRequest, errorMessage } from './api';
import { useSession } from './session';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

interface Loaded<T> {
  path: string;
  data: T | null;
  error: string | null;
}

/**
 * GETs `path` and re-fetches when it changes. With `keepPrevious`, the last
 * answer stays visible while the next loads (paging a list without flicker);
 * otherwise data of another path is never shown.
 */
export function useResource<T>(
  path: string,
  options: { keepPrevious?: boolean } = {},
): Resource<T> {
  const { expire } = useSession();
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<T>(path, { signal: controller.signal }).then(
      (data) => setLoaded({ path, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expire();
        setLoaded({ path, data: null, error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [path, expire]);

  const current = loaded?.path === path;
  if (current) return { data: loaded.data, error: loaded.error, loading: false };
  return { data: options.keepPrevious ? (loaded?.data ?? null) : null, error: null, loading: true };
}

/** Sets the window title while a page is shown. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Threadline` : 'Threadline';
  }, [title]);
}
