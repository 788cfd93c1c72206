import { useCallback, useEffect, useState } from 'react';
import { ApiError, apiRequest, errorMessage } from './api';
import { useLiveVersion, type LiveTopic } from './live';
import { useSession } from './session';

export interface Resource<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** Fetches the same path again; the current answer stays visible meanwhile. */
  reload: () => void;
}

interface Loaded<T> {
  path: string;
  version: number;
  data: T | null;
  error: string | null;
}

/**
 * GETs `path` and re-fetches when it changes or on `reload`. With
 * `keepPrevious`, the last answer stays visible while the next loads (paging
 * a list without flicker); otherwise data of another path is never shown.
 * With `live`, it also re-fetches when the server tells of a change of one
 * of those topics, the answer on screen staying until the new one arrives.
 */
export function useResource<T>(
  path: string,
  options: { keepPrevious?: boolean; live?: readonly LiveTopic[] } = {},
): Resource<T> {
  const { expire } = useSession();
  const liveVersion = useLiveVersion(options.live);
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<T>(path, { signal: controller.signal }).then(
      (data) => setLoaded({ path, version, data, error: null }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) expire();
        setLoaded({ path, version, data: null, error: errorMessage(error) });
      },
    );
    return () => controller.abort();
  }, [path, version, liveVersion, expire]);

  if (loaded?.path === path) {
    return { data: loaded.data, error: loaded.error, loading: loaded.version !== version, reload };
  }
  return {
    data: options.keepPrevious ? (loaded?.data ?? null) : null,
    error: null,
    loading: true,
    reload,
  };
}

/** POSTs as the signed-in user, with the session's CSRF token; a 401 signs the UI out. */
export function useApiPost() {
  const send = useApiSend();
  return useCallback(
    <T>(path: string, body?: unknown): Promise<T> => send<T>('POST', path, body),
    [send],
  );
}

/** Writes (POST, PUT, PATCH, DELETE) as the signed-in user, as `useApiPost` does. */
export function useApiSend() {
  const { state, expire } = useSession();
  const csrfToken = state.status === 'signed-in' ? state.session.csrfToken : null;
  return useCallback(
    async <T>(
      method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      body?: unknown,
    ): Promise<T> => {
      try {
        return await apiRequest<T>(path, { method, body, csrfToken });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) expire();
        throw error;
      }
    },
    [csrfToken, expire],
  );
}

/** Calls `tick` every `ms` while the page is shown. */
export function useInterval(tick: () => void, ms: number) {
  useEffect(() => {
    const timer = window.setInterval(tick, ms);
    return () => window.clearInterval(timer);
  }, [tick, ms]);
}

/** Sets the window title while a page is shown. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Threadline` : 'Threadline';
  }, [title]);
}

/** A button's action: busy while it runs, its failure in words, one at a time. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
