import { access, constants } from 'node:fs/promises';
import { writeJsonLines } from '../commands/json-lines.js';
import { parseMeetingFiles } from '../services/meetings/parse-meeting-files.js';

/**
 * `threadline meetings parse FILE_OR_DIR --jsonl`: the meetings the messages
 * carry, storing nothing, so it needs no data directory. Every input is read
 * (an unreadable one gets an error line too); the exit code is 1 when an
 * input path itself cannot be read, else 0 whatever the messages held.
 */
export async function runMeetingsParse(
  inputs: string[],
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const readable = await Promise.all(
    inputs.map((input) =>
      access(input, constants.R_OK).then(
        () => true,
        () => false,
      ),
    ),
  );
  await writeJsonLines(parseMeetingFiles(inputs, signal), write);
  return readable.every(Boolean) ? 0 : 1;
}
