import type { App } from '../app/open-app.js';

/** What a data command gets, whether it runs in the CLI's process or inside the running server. */
export interface CommandContext {
  readonly app: App;
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

/** One line of the server's answer when it runs a command for the CLI: output, an error or the exit code. */
export interface RemoteFrame {
  out?: string;
  err?: string;
  exit?: number;
  error?: { code: string; message: string };
}
