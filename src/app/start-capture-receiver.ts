import { readFile } from 'node:fs/promises';
import {
  startSmtpReceiver,
  type RunningReceiver,
} from '../adapters/smtp-receiver/smtp-receiver.js';
import { createCaptureDelivery } from '../services/capture-address/capture-delivery.js';
import type { App } from './open-app.js';

/**
 * Starts the capture address's SMTP receiver when the configuration asks
 * for one (`capture` in config.ts): recipients checked against the users'
 * capture addresses, messages filed through the capture pipeline, each
 * sender checked from its connection when sender checks are on.
 */
export async function startCaptureReceiver(
  app: Pick<App, 'config' | 'database' | 'clock' | 'ingest' | 'captureAddresses' | 'senderAuth'>,
  options: { onError?: (error: unknown) => void } = {},
): Promise<RunningReceiver | null> {
  const settings = app.config.capture;
  if (!settings) return null;
  const delivery = createCaptureDelivery({
    database: app.database,
    clock: app.clock,
    ingest: app.ingest,
    domain: settings.domain,
    checkSender: app.senderAuth
      ? (raw, envelope) => app.senderAuth!.fromSmtp(raw, envelope)
      : undefined,
  });
  const tls = settings.tls
    ? {
        cert: await readFile(settings.tls.certFile, 'utf8'),
        key: await readFile(settings.tls.keyFile, 'utf8'),
      }
    : null;
  return startSmtpReceiver(
    {
      host: settings.host,
      port: settings.port,
      name: settings.domain,
      maxBytes: settings.maxBytes,
      senderRate: { messages: settings.messagesPerMinute, windowMs: 60_000 },
      tls,
      now: () => app.clock.now().getTime(),
      ...(options.onError ? { onError: options.onError } : {}),
    },
    {
      recipient: (address) => app.captureAddresses.recipient(address),
      deliver: (userIds, raw, source, envelope) => delivery.deliver(userIds, raw, source, envelope),
    },
  );
}
