import type { z } from 'zod';
import type { DataCommand } from './command-context.js';
import { captureAddressOptions, userCaptureAddress } from './capture-address-commands.js';
import { crmDirectoryOptions, crmExport, crmImport } from './crm-commands.js';
import { exportMessagesCommand, exportMessagesOptions } from './export-commands.js';
import {
  privacyErase,
  privacyEraseOptions,
  privacyExport,
  privacyExportOptions,
} from './privacy-commands.js';
import {
  mailboxStatus,
  mailboxStatusOptions,
  mailboxSync,
  mailboxSyncOptions,
  mailImport,
  mailImportOptions,
} from './mail-commands.js';
import {
  tokenCreate,
  tokenCreateOptions,
  tokenList,
  tokenListOptions,
  tokenRevoke,
  tokenRevokeOptions,
  userAdd,
  userAddOptions,
  userDeactivate,
  userEmailOptions,
  userInvite,
  userInviteOptions,
  userReactivate,
  userResetPassword,
} from './user-commands.js';

interface Entry {
  readonly options: z.ZodType<Record<string, unknown>>;
  readonly command: DataCommand<never>;
}

const entry = <S extends z.ZodType<Record<string, unknown>>>(
  options: S,
  command: DataCommand<z.infer<S>>,
): Entry => ({ options, command: command });

/**
 * Every CLI command that touches the store, by name. The CLI runs them in its
 * own process, or — when `threadline start` owns the embedded data
 * directory — asks the server to run the same entry.
 */
export const dataCommands: Record<string, Entry> = {
  'user add': entry(userAddOptions, userAdd),
  'user invite': entry(userInviteOptions, userInvite),
  'user deactivate': entry(userEmailOptions, userDeactivate),
  'user reactivate': entry(userEmailOptions, userReactivate),
  'user reset-password': entry(userEmailOptions, userResetPassword),
  'user capture-address': entry(captureAddressOptions, userCaptureAddress),
  'token create': entry(tokenCreateOptions, tokenCreate),
  'token list': entry(tokenListOptions, tokenList),
  'token revoke': entry(tokenRevokeOptions, tokenRevoke),
  'crm import': entry(crmDirectoryOptions, crmImport),
  'crm export': entry(crmDirectoryOptions, crmExport),
  'mail import': entry(mailImportOptions, mailImport),
  'export messages': entry(exportMessagesOptions, exportMessagesCommand),
  'mailbox status': entry(mailboxStatusOptions, mailboxStatus),
  'mailbox sync': entry(mailboxSyncOptions, mailboxSync),
  'privacy export': entry(privacyExportOptions, privacyExport),
  'privacy erase': entry(privacyEraseOptions, privacyErase),
};
