import { z } from 'zod';
import { instant } from './common.js';

export const role = z.enum(['admin', 'manager', 'rep']);

export const user = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  managerId: z.string().nullable(),
  /** Set while the user may not sign in. */
  deactivatedAt: instant.nullable(),
});
export type User = z.input<typeof user>;

/** Who is signed in, and the token a cookie session sends back in `x-csrf-token` on writes. */
export const session = z.object({ user, csrfToken: z.string().nullable() });
export type SessionInfo = z.input<typeof session>;

/** An API token as listed: never its secret. */
export const apiToken = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
});
export type ApiToken = z.input<typeof apiToken>;

/** A new API token: the only answer that carries its secret. */
export const createdToken = z.object({ id: z.string(), token: z.string() });

/**
 * The web UI's page a password link leads to, the token in the fragment
 * (`#token=…`), which browsers never send to a server, so no log keeps it.
 */
export const setPasswordPath = '/set-password';

/** A one-time link to set a password (an invitation or a reset), to pass on to the user. */
export const passwordLink = z.object({
  link: z.string().describe('The set-password page with the token in its fragment'),
  expiresAt: instant,
});

/** An invited user and the link that lets them set their password. */
export const invitation = passwordLink.extend({ user });
