import { parentPort } from 'node:worker_threads';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

/** One sanitiser thread: a message's HTML in, the sanitised HTML out. */
export interface SanitizeRequest {
  readonly id: number;
  readonly html: string;
  readonly messageId: string;
}

parentPort?.on('message', (request: SanitizeRequest) => {
  try {
    parentPort!.postMessage({
      id: request.id,
      result: sanitizeEmailHtml(request.html, request.messageId),
    });
  } catch (error) {
    parentPort!.postMessage({
      id: request.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
