import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Streams `items` as a JSON-lines download: one object a line, read from the
 * iterable only as fast as the client takes them, so memory stays flat.
 */
export function sendJsonLines(
  reply: FastifyReply,
  filename: string,
  items: AsyncIterable<unknown>,
) {
  const lines = (async function* () {
    for await (const item of items) yield `${JSON.stringify(item)}\n`;
  })();
  return reply
    .header('content-type', 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(Readable.from(lines));
}
