/** Writes each item as one JSON line, in chunks of about 64 KB so large exports stream cheaply. */
export async function writeJsonLines(
  items: AsyncIterable<unknown>,
  write: (text: string) => void,
): Promise<void> {
  let buffer = '';
  for await (const item of items) {
    buffer += `${JSON.stringify(item)}\n`;
    if (buffer.length > 64 * 1024) {
      write(buffer);
      buffer = '';
    }
  }
  if (buffer) write(buffer);
}
