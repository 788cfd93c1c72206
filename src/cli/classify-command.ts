import { classifyFiles } from '../services/classify/classify-files.js';
import { writeJsonLines } from '../commands/json-lines.js';

/**
 * `threadline classify FILE_OR_DIR --jsonl`: the noise classifier's verdict
 * per message, storing nothing, so it needs no data directory. Exits 0 once
 * every input was read, whatever the messages held.
 */
export async function runClassify(
  inputs: string[],
  write: (text: string) => void,
  signal: AbortSignal,
): Promise<number> {
  await writeJsonLines(classifyFiles(inputs, signal), write);
  return 0;
}
