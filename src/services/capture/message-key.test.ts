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

describe('messageKey for a Message-ID too long to index', () => {
  it('is a hash of the Message-ID, the same every time', () => {
    const long = `<${'x'.repeat(5000)}@broken.example>`;
    expect(messageKey(long, bytes('x'))).toMatch(/^sha256-id:[0-9a-f]{64}$/);
    expect(messageKey(long, bytes('other bytes'))).toBe(messageKey(long, bytes('x')));
    expect(messageKey(`<${'y'.repeat(5000)}@broken.example>`, bytes('x'))).not.toBe(
      messageKey(long, bytes('x')),
    );
  });
});
