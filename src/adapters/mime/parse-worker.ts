import { parentPort } from 'node:worker_threads';
import { isThreadlineError } from '../../core/errors.js';
import { parseMessageWithContent, type ParseOptions } from './parse-message.js';

/** One parser thread of the parse pool: raw bytes in, plain parsed data out. */
export interface ParseRequest {
  readonly id: number;
  readonly raw: Uint8Array;
  readonly options: ParseOptions;
}

parentPort?.on('message', (request: ParseRequest) => {
  parseMessageWithContent(request.raw, request.options).then(
    (parsed) => {
      const buffers = new Set(parsed.attachmentContents.map((content) => content.buffer));
      parentPort!.postMessage({ id: request.id, parsed }, [...buffers] as ArrayBuffer[]);
    },
    (error: unknown) => {
      parentPort!.postMessage({
        id: request.id,
        error: {
          code: isThreadlineError(error) ? error.code : 'INTERNAL',
          message: error instanceof Error ? error.message : String(error),
        },
      });
    },
  );
});
