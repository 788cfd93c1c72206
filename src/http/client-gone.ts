import type { FastifyReply } from 'fastify';

/**
 * Aborts when the connection closes before the reply is written: the
 * client went away, and the reads made for it can stop. The response's
 * `close`, not the request's: a request is closed once its body is read.
 */
export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}
