import type { ResolveHost } from '../../adapters/dns/resolve-host.js';
import type { OAuthClient } from '../../adapters/oauth/refresh-access-token.js';
import { ThreadlineError } from '../../core/errors.js';
import {
  judgeMailHost,
  judgeMailPort,
  type MailHostPolicy,
} from '../../core/network/mail-host-policy.js';

/** A host the policy let through, and the address it was vetted at. */
export interface VettedHost {
  readonly host: string;
  /** Connect here, naming `host` for TLS: a second lookup could answer differently. */
  readonly address: string;
}

/** What a user gives to sign in with OAuth2: a provider by id, never a token endpoint. */
export interface OAuthGrant {
  readonly provider: string;
  readonly clientId: string;
  readonly clientSecret?: string | undefined;
  readonly refreshToken: string;
}

/** The token endpoints of the providers every installation knows. */
export const builtInOAuthProviders: Readonly<Record<string, string>> = {
  google: 'https://oauth2.googleapis.com/token',
  microsoft: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
};

/**
 * How the server reaches the mail and OAuth2 servers users name: a mail
 * host is resolved and vetted against the admin's policy before any
 * connection, and a token endpoint comes from a provider profile.
 */
export function createMailServerAccess(deps: {
  policy: MailHostPolicy;
  oauthProviders: Readonly<Record<string, string>>;
  resolve: ResolveHost;
}) {
  const tokenEndpoints = { ...builtInOAuthProviders, ...deps.oauthProviders };
  const refuse = (reason: string) =>
    new ThreadlineError(
      'MAIL_HOST_NOT_ALLOWED',
      `This server does not connect there: ${reason}. An administrator can allow it (THREADLINE_MAIL_HOSTS_ALLOW, THREADLINE_MAIL_PORTS).`,
    );
  return {
    /** The address to connect to for host:port, or MAIL_HOST_NOT_ALLOWED with no connection made. */
    async vet(host: string, port: number): Promise<VettedHost> {
      const portVerdict = judgeMailPort(port, deps.policy);
      if (!portVerdict.allowed) throw refuse(portVerdict.reason);
      const addresses = await deps.resolve(host);
      const verdict = judgeMailHost({ host, port, addresses }, deps.policy);
      if (!verdict.allowed) throw refuse(verdict.reason);
      return { host, address: addresses[0]! };
    },

    /** The refresh-token client for a grant, with its provider's token endpoint. */
    oauthClient(grant: OAuthGrant): OAuthClient {
      const tokenEndpoint = tokenEndpoints[grant.provider];
      if (!tokenEndpoint) {
        throw new ThreadlineError(
          'VALIDATION_FAILED',
          `No OAuth2 provider "${grant.provider}": choose one of ${Object.keys(tokenEndpoints).join(', ')}.`,
        );
      }
      return { ...grant, tokenEndpoint };
    },
  };
}

export type MailServerAccess = ReturnType<typeof createMailServerAccess>;
