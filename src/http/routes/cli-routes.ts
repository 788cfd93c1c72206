import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isThreadlineError, ThreadlineError } from '../../core/errors.js';
import type { CommandContext, RemoteFrame } from '../../commands/command-context.js';
import { dataCommands } from '../../commands/data-commands.js';
import { errorResponses } from '../errors.js';

/**
 * Lets the local `threadline` CLI run its data commands inside the server
 * that owns the embedded data directory, so two processes never open it.
 * Only the local operator (holder of the lock file's secret) may call it.
 * The route only passes `commandApp` on to the commands, so it names it by
 * their context rather than reaching for the composition itself.
 */
export function cliRoutes(commandApp: CommandContext['app']): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/cli/run',
      {
        schema: {
          hide: true,
          body: z.object({ command: z.string(), options: z.record(z.string(), z.unknown()) }),
          response: {
            // A stream goes out as it is written: no serialiser checks it.
            200: z
              .unknown()
              .describe(
                'Newline-delimited JSON frames as the command runs: `{out}`, `{err}`, `{error}`, then `{exit}`',
              ),
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        if (request.principal?.via !== 'local-cli') {
          throw new ThreadlineError('FORBIDDEN', 'Only the local command line may run commands');
        }
        const entry = dataCommands[request.body.command];
        if (!entry)
          throw new ThreadlineError('NOT_FOUND', `Unknown command ${request.body.command}`);
        const parsed = entry.options.safeParse(request.body.options);
        if (!parsed.success) {
          const problems = parsed.error.issues.map(
            (issue) => `--${issue.path.join('.')}: ${issue.message}`,
          );
          throw new ThreadlineError(
            'VALIDATION_FAILED',
            `${request.body.command}: ${problems.join('; ')}`,
          );
        }
        const options = parsed.data;
        const stream = new PassThrough();
        const send = (frame: RemoteFrame) => stream.write(`${JSON.stringify(frame)}\n`);
        const controller = new AbortController();
        request.raw.on('close', () => controller.abort());
        void (async () => {
          try {
            const exit = await entry.command.run(
              {
                app: commandApp,
                out: (text) => send({ out: text }),
                err: (text) => send({ err: text }),
                interactive: false,
                signal: controller.signal,
              },
              options as never,
            );
            send({ exit });
          } catch (error) {
            send({
              error: isThreadlineError(error)
                ? { code: error.code, message: error.message }
                : { code: 'INTERNAL', message: (error as Error).message },
            });
            send({ exit: 1 });
          } finally {
            stream.end();
          }
        })();
        return reply.type('application/x-ndjson').send(stream);
      },
    );
  };
}
