import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { placeholderBody, reattachParts, restoreSource } from './detached-parts.js';
import { parseMessageWithContent } from './parse-message.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const skeleton = [
  'From: ada@acme.example',
  'Subject: Files',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain',
  '',
  'See the files.',
  '--b',
  'Content-Type: application/pdf; name="offer.pdf"',
  'Content-Transfer-Encoding: base64',
  'Content-Disposition: attachment; filename="offer.pdf"',
  '',
  placeholderBody('2').toString().trimEnd(),
  '--b',
  'Content-Type: application/octet-stream; name="kept.bin"',
  'Content-Transfer-Encoding: base64',
  'Content-Disposition: attachment; filename="kept.bin"',
  '',
  Buffer.from('kept as it was').toString('base64'),
  '--b--',
  '',
].join('\r\n');

describe('putting detached parts back', () => {
  it('gives the attachment that stood for a part its bytes, size and hash; the rest stay', async () => {
    const parsed = await parseMessageWithContent(Buffer.from(skeleton));
    const pdf = Buffer.from('%PDF-1.7 the real offer');
    const back = await reattachParts(parsed, [
      { marker: 'threadline detached part 2', content: pdf },
    ]);
    expect(back.message.attachments.map((a) => [a.filename, a.size, a.contentHash])).toEqual([
      ['offer.pdf', pdf.length, sha256(pdf)],
      ['kept.bin', 14, sha256(Buffer.from('kept as it was'))],
    ]);
    expect(back.attachmentContents[0]).toBe(pdf);
    expect(back.message.text).toBe(parsed.message.text);
  });

  it('keeps the hash unknown where the parse had none (a cut message)', async () => {
    const parsed = await parseMessageWithContent(Buffer.from(skeleton), { truncated: true });
    const back = await reattachParts(parsed, [
      { marker: 'threadline detached part 2', content: Buffer.from('x') },
    ]);
    expect(back.message.attachments[0]).toMatchObject({ size: 1, contentHash: null });
  });

  it('changes nothing without detached parts', async () => {
    const parsed = await parseMessageWithContent(Buffer.from(skeleton));
    expect(await reattachParts(parsed, [])).toBe(parsed);
  });
});

describe('restoring the source of a skeleton', () => {
  it('puts each part back base64 encoded where its placeholder stood, in lines of 76', async () => {
    const pdf = Buffer.from(Array.from({ length: 5000 }, (_, n) => n % 251));
    const restored = restoreSource(Buffer.from(skeleton), [
      { marker: 'threadline detached part 2', content: pdf },
    ]);
    expect(restored.includes(placeholderBody('2'))).toBe(false);
    const lines = restored.toString('latin1').split('\r\n');
    expect(Math.max(...lines.map((line) => line.length))).toBe(76);
    const parsed = await parseMessageWithContent(restored);
    expect(parsed.message.attachments.map((a) => [a.filename, a.size, a.contentHash])).toEqual([
      ['offer.pdf', pdf.length, sha256(pdf)],
      ['kept.bin', 14, sha256(Buffer.from('kept as it was'))],
    ]);
    expect(parsed.message.text).toContain('See the files.');
  });

  it('leaves the bytes as they are without detached parts, or when a placeholder is not there', () => {
    const source = Buffer.from(skeleton);
    expect(restoreSource(source, [])).toEqual(source);
    expect(
      restoreSource(source, [{ marker: 'threadline detached part 9', content: Buffer.from('x') }]),
    ).toEqual(source);
  });
});
