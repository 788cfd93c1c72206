import { pino, type DestinationStream } from 'pino';

/**
 * The slice of pino the services log through: one structured line per
 * event, its fields first. Fields name things by id; secrets never go in.
 */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  /** A logger that adds `fields` to every line. */
  child(fields: object): Logger;
}

/** JSON lines at `level` and above, to standard output unless a stream is given. */
export function createLogger(options: { level: string; stream?: DestinationStream }): Logger {
  return options.stream
    ? pino({ level: options.level }, options.stream)
    : pino({ level: options.level });
}

/** Logs nothing: the default where no logger is handed in (tests, one-off commands). */
export const silentLogger: Logger = pino({ level: 'silent' });
