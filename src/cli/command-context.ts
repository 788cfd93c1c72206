import type { Core } from '../main.js';

/** What a data command gets, whether it runs in this process or inside the running server. */
export interface CommandContext {
  readonly core: Core;
  /** Standard output: the command's result (JSON lines, tables). */
  readonly out: (text: string) => void;
  /** Standard error: progress and diagnostics. */
  readonly err: (text: string) => void;
  /** True when a person watches a terminal: progress bars instead of lines. */
  readonly interactive: boolean;
  readonly signal: AbortSignal;
}

/** A command that needs the store; its options are plain JSON so the server can run it too. */
export interface DataCommand<Options extends Record<string, unknown>> {
  run(context: CommandContext, options: Options): Promise<number>;
}
