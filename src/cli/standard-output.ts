/** Where every command's result goes: the process's standard output, which its reader may close. */
export interface StandardOutput {
  write(text: string): void;
  /** Aborts once the reader has closed the pipe. */
  readonly closed: AbortSignal;
}

/**
 * Standard output whose reader may stop reading early, as
 * `threadline export messages --jsonl | head` does: the reader has what it
 * wanted, which is no failure. From then on writes are dropped and `closed`
 * aborts, so a long command stops at its next check and the process exits 0
 * without a word. Any other write error still ends the process loudly.
 */
export function standardOutput(stream: NodeJS.WritableStream = process.stdout): StandardOutput {
  const controller = new AbortController();
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    controller.abort(error);
  });
  return {
    write(text) {
      if (!controller.signal.aborted) stream.write(text);
    },
    closed: controller.signal,
  };
}
