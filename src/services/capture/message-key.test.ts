import { describe, expect, it } from 'vitest';
import { bodyDigest, keyOfDifferentBody, legacyKey, messageKey } from './message-key.js';

const bytes = (text: string) => new TextEncoder().encode(text);

const headers = [
  'Received: from mx1.acme.example by mx.threadline.example; Mon, 3 Mar 2025 10:00:02 +0000',
  'From: Ada <ada@acme.example>',
  'To: rita@threadline.example',
  'Subject: Renewal',
  'Date: Mon, 3 Mar 2025 10:00:00 +0000',
  'Message-ID: <a@b>',
  'Content-Type: multipart/alternative; boundary="one"',
];

describe('messageKey', () => {
  it('is the Message-ID with a digest of the headers its author wrote', () => {
    expect(messageKey('<a@b>', bytes(`${headers.join('\r\n')}\r\n\r\nbody`))).toMatch(
      /^<a@b> [0-9a-f]{32}$/,
    );
  });

  it('is the same for every copy of one message: trace headers, order and folding aside', () => {
    const sent = bytes(`${headers.slice(1).join('\r\n')}\r\nBcc: max@threadline.example\r\n\r\n`);
    const received = bytes(
      [
        'Delivered-To: rita@threadline.example',
        'X-Spam-Score: 0.1',
        ...headers.slice(1).reverse(),
        headers[0],
      ]
        .join('\n')
        .replace('Subject: Renewal', 'Subject:\n  Renewal') + '\n\nbody',
    );
    expect(messageKey('<a@b>', received)).toBe(messageKey('<a@b>', sent));
  });

  it('differs for a message that carries the same Message-ID over other headers', () => {
    const genuine = bytes(`${headers.join('\r\n')}\r\n\r\n`);
    const planted = bytes(
      `${headers.join('\r\n').replace('Subject: Renewal', 'Subject: Hello')}\r\n\r\n`,
    );
    expect(messageKey('<a@b>', planted)).not.toBe(messageKey('<a@b>', genuine));
  });

  it('is the same for the header block alone and for the whole message without a Message-ID', () => {
    const block = 'From: a@b.example\r\nDate: Mon, 3 Mar 2025 10:00:00 +0000\r\n';
    const headerOnly = messageKey(null, bytes(`${block}\r\n`));
    expect(messageKey(null, bytes(`${block}\r\nbody text\r\n`))).toBe(headerOnly);
    expect(headerOnly).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('without a Message-ID, takes the body in once known: equal headers, other bodies, two messages', () => {
    const block = bytes('From: a@b.example\r\n\r\n');
    const one = messageKey(null, block, bodyDigest('first', null));
    const two = messageKey(null, block, bodyDigest('second', null));
    expect(one).not.toBe(two);
    expect(one.startsWith(messageKey(null, block))).toBe(true);
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
    expect(messageKey(long, bytes('x'))).toMatch(/^sha256-id:[0-9a-f]{64} [0-9a-f]{32}$/);
    expect(messageKey(long, bytes('x\n\nother bytes'))).toBe(messageKey(long, bytes('x')));
    expect(messageKey(`<${'y'.repeat(5000)}@broken.example>`, bytes('x'))).not.toBe(
      messageKey(long, bytes('x')),
    );
  });
});

describe('legacyKey', () => {
  it('is the bare Message-ID, or the header hash without the body', () => {
    const key = messageKey('<a b@c>', bytes('From: a@b\n\n'));
    expect(legacyKey(key)).toBe('<a b@c>');
    const hashed = messageKey(null, bytes('From: a@b\n\n'), bodyDigest('x', null));
    expect(legacyKey(hashed)).toBe(messageKey(null, bytes('From: a@b\n\n')));
    expect(legacyKey(messageKey(null, bytes('From: a@b\n\n')))).toBeNull();
  });
});

describe('keyOfDifferentBody', () => {
  it('names a copy whose body differs apart from the stored message', () => {
    const key = messageKey('<a@b>', bytes('From: a@b\n\n'));
    expect(keyOfDifferentBody(key, bodyDigest('mine', null)!)).not.toBe(key);
  });
});

describe('bodyDigest', () => {
  it('is null without a body, and the same for CRLF and LF line ends', () => {
    expect(bodyDigest(null, null)).toBeNull();
    expect(bodyDigest('a\r\nb', '<p>x</p>')).toBe(bodyDigest('a\nb', '<p>x</p>'));
    expect(bodyDigest('a', null)).not.toBe(bodyDigest(null, 'a'));
  });

  it('reads only the first 2,000 characters, so a copy cut short agrees with the whole', () => {
    const whole = `${'ü'.repeat(1999)}😀${'tail '.repeat(10_000)}`;
    expect(bodyDigest(whole.slice(0, 2100), null)).toBe(bodyDigest(whole, null));
    expect(bodyDigest(whole.slice(0, 1999), null)).not.toBe(bodyDigest(whole, null));
  });
});
