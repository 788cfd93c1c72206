interface ServerPreset {
  readonly host: string;
  readonly port: number;
  readonly security: 'tls' | 'starttls';
}

const imap = (host: string): ServerPreset => ({ host, port: 993, security: 'tls' });
const smtpTls = (host: string): ServerPreset => ({ host, port: 465, security: 'tls' });
const smtpStartTls = (host: string): ServerPreset => ({ host, port: 587, security: 'starttls' });

/** Incoming and outgoing servers of the common providers. */
export const providerPresets: Readonly<
  Record<string, { label: string; imap: ServerPreset; smtp: ServerPreset; note: string }>
> = {
  gmail: {
    label: 'Gmail / Google Workspace',
    imap: imap('imap.gmail.com'),
    smtp: smtpTls('smtp.gmail.com'),
    note: 'Use an app password, or sign in with OAuth2.',
  },
  outlook: {
    label: 'Outlook / Office 365',
    imap: imap('outlook.office365.com'),
    smtp: smtpStartTls('smtp.office365.com'),
    note: 'Microsoft 365 requires OAuth2 for IMAP.',
  },
  yahoo: {
    label: 'Yahoo Mail',
    imap: imap('imap.mail.yahoo.com'),
    smtp: smtpTls('smtp.mail.yahoo.com'),
    note: 'Generate an app password in the account security settings.',
  },
  icloud: {
    label: 'iCloud Mail',
    imap: imap('imap.mail.me.com'),
    smtp: smtpStartTls('smtp.mail.me.com'),
    note: 'Use an app-specific password from appleid.apple.com.',
  },
  zoho: {
    label: 'Zoho Mail',
    imap: imap('imap.zoho.com'),
    smtp: smtpTls('smtp.zoho.com'),
    note: 'Enable IMAP access in Zoho Mail settings first.',
  },
  fastmail: {
    label: 'Fastmail',
    imap: imap('imap.fastmail.com'),
    smtp: smtpTls('smtp.fastmail.com'),
    note: 'Use an app password.',
  },
};
