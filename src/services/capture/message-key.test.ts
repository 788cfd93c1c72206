import { describe, expect, it } from 'vitest';
import { messageKey } from './message-key.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('messageKey', () => {
  it('is the Message-ID when there is one', () => {
    expect(messageKey('<a@b>', bytes('x'))).toBe('<a@b>');
  });

  it('is the same for the header block alone and for the whole message', () => {
    const headers = 'From: a@b.example\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n';
    const headerOnly = messageKey(null, bytes(`${headers}\r\n`));
    expect(messageKey(null, bytes(`${headers}\r\nbody text\r\n`))).toBe(headerOnly);
    expect(headerOnly).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('differs when the headers differ', () => {
    expect(messageKey(null, bytes('From: a@b\n\nx'))).not.toBe(
      messageKey(null, bytes('From: c@d\n\nx')),
    );
  });
});
