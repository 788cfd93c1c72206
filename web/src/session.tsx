import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, apiRequest, errorMessage, type SessionInfo } from './api';

type SessionState =
  | { status: 'checking' }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; session: SessionInfo }
  | { status: 'unavailable'; message: string };

interface SessionContextValue {
  state: SessionState;
  signIn: (email: string, password: string) => Promise<void>;
  /** Sets the password through an invitation or reset link, and signs in. */
  setPasswordWithLink: (token: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Called when the API answers 401: the session ended elsewhere or expired. */
  expire: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    apiRequest<SessionInfo>('/api/auth/me', { signal: controller.signal }).then(
      (session) => setState({ status: 'signed-in', session }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) {
          setState({ status: 'signed-out', notice: null });
        } else {
          setState({ status: 'unavailable', message: errorMessage(error) });
        }
      },
    );
    return () => controller.abort();
  }, []);

  const signIn = useCallback(async (email: string, password: string) => {
    const session = await apiRequest<SessionInfo>('/api/auth/sign-in', {
      method: 'POST',
      body: { email, password },
    });
    setState({ status: 'signed-in', session });
  }, []);

  const setPasswordWithLink = useCallback(async (token: string, password: string) => {
    const session = await apiRequest<SessionInfo>('/api/auth/accept-invitation', {
      method: 'POST',
      body: { token, password },
    });
    setState({ status: 'signed-in', session });
  }, []);

  const csrfToken = state.status === 'signed-in' ? state.session.csrfToken : null;
  const signOut = useCallback(async () => {
    // The UI forgets the session even when the server cannot be told.
    await apiRequest('/api/auth/sign-out', { method: 'POST', csrfToken }).catch(() => undefined);
    setState({ status: 'signed-out', notice: null });
  }, [csrfToken]);

  const expire = useCallback(() => {
    setState({ status: 'signed-out', notice: 'Your session has ended. Please sign in again.' });
  }, []);

  const value = useMemo(
    () => ({ state, signIn, setPasswordWithLink, signOut, expire }),
    [state, signIn, setPasswordWithLink, signOut, expire],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a SessionProvider');
  return value;
}
