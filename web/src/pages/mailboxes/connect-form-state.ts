import type { CaptureMode, DataScope, MailboxInput, ProviderPreset, Security } from '../../api';

/** The connect form as typed: numbers stay text until the form is sent. */
export interface FormState {
  provider: string;
  label: string;
  user: string;
  password: string;
  host: string;
  port: string;
  security: Security;
  allowSelfSigned: boolean;
  smtpEnabled: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSecurity: Security;
  activityWindowDays: string;
  statsWindowDays: string;
  dataScope: DataScope;
  captureMode: CaptureMode;
  createContacts: boolean;
}

export const customForm: FormState = {
  provider: 'custom',
  label: '',
  user: '',
  password: '',
  host: '',
  port: '993',
  security: 'tls',
  allowSelfSigned: false,
  smtpEnabled: false,
  smtpHost: '',
  smtpPort: '587',
  smtpSecurity: 'starttls',
  activityWindowDays: '30',
  statsWindowDays: '180',
  dataScope: 'full',
  captureMode: 'auto',
  createContacts: false,
};

/** The settings that decide whether a connection test still holds. */
export const connectionKey = (form: FormState) =>
  JSON.stringify([
    form.user,
    form.password,
    form.host,
    form.port,
    form.security,
    form.allowSelfSigned,
  ]);

/** The form with a provider's servers filled in, or back to a custom server. */
export function withPreset(
  form: FormState,
  providerId: string,
  chosen: ProviderPreset | undefined,
): FormState {
  return chosen
    ? {
        ...form,
        provider: providerId,
        host: chosen.imap.host,
        port: String(chosen.imap.port),
        security: chosen.imap.security,
        smtpEnabled: true,
        smtpHost: chosen.smtp.host,
        smtpPort: String(chosen.smtp.port),
        smtpSecurity: chosen.smtp.security,
      }
    : { ...form, provider: 'custom', smtpEnabled: false };
}

/** What the API takes for the form: without folders to test it, with the chosen ones to connect. */
export function mailboxInputOf(form: FormState, withFolders: string[] | null): MailboxInput {
  return {
    label: form.label.trim() || form.user.trim(),
    imap: {
      host: form.host.trim(),
      port: Number(form.port),
      security: form.security,
      user: form.user.trim(),
      allowSelfSigned: form.allowSelfSigned,
    },
    auth: { kind: 'password', password: form.password },
    smtp: form.smtpEnabled
      ? {
          host: form.smtpHost.trim(),
          port: Number(form.smtpPort),
          security: form.smtpSecurity,
          sameCredentialsAsIncoming: true,
        }
      : null,
    folders: withFolders,
    activityWindowDays: Number(form.activityWindowDays),
    statsWindowDays: Number(form.statsWindowDays),
    dataScope: form.dataScope,
    captureMode: form.captureMode,
    createContacts: form.createContacts,
  };
}
