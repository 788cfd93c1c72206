interface ServerPreset {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls';
}

/** Incoming and outgoing servers of the common providers. */
export const providerPresets: Readonly<
  Record<string, { label: string; imap: ServerPreset; smtp: ServerPreset; note: string }>
> = {
  gmail: {
    label: 'Gmail / Google Workspace',
    imap: { host: 'imap.gmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, security: 'tls' },
    note: 'Use an app password, or sign in with OAuth2.',
  },
  outlook: {
    label: 'Outlook / Office 365',
    imap: { host: 'outlook.office365.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.office365.com', port: 587, security: 'starttls' },
    note: 'Microsoft 365 requires OAuth2 for IMAP.',
  },
  yahoo: {
    label: 'Yahoo Mail',
    imap: { host: 'imap.mail.yahoo.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, security: 'tls' },
    note: 'Generate an app password in the account security settings.',
  },
  icloud: {
    label: 'iCloud Mail',
    imap: { host: 'imap.mail.me.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.mail.me.com', port: 587, security: 'starttls' },
    note: 'Use an app-specific password from appleid.apple.com.',
  },
  zoho: {
    label: 'Zoho Mail',
    imap: { host: 'imap.zoho.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.zoho.com', port: 465, security: 'tls' },
    note: 'Enable IMAP access in Zoho Mail settings first.',
  },
  fastmail: {
    label: 'Fastmail',
    imap: { host: 'imap.fastmail.com', port: 993, security: 'tls' },
    smtp: { host: 'smtp.fastmail.com', port: 465, security: 'tls' },
    note: 'Use an app password.',
  },
};
