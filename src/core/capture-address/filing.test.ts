import { describe, expect, it } from 'vitest';
import { filingOf } from './filing.js';

const forwardText =
  'FYI\n\n---------- Forwarded message ---------\nFrom: Grace <grace@acme.com>\nTo: rita@threadline.example\n\nHello';

describe('filingOf', () => {
  it('files a BCC copy as sent, even when its body quotes a forward', () => {
    expect(filingOf({ addressedToCapture: false, text: forwardText, attachedMessages: 1 })).toEqual(
      {
        kind: 'as_sent',
      },
    );
  });

  it('files the attached messages of a forward as attachment', () => {
    expect(filingOf({ addressedToCapture: true, text: forwardText, attachedMessages: 2 })).toEqual({
      kind: 'attached',
      count: 2,
    });
  });

  it('unwraps an inline forward addressed to the capture address', () => {
    expect(
      filingOf({ addressedToCapture: true, text: forwardText, attachedMessages: 0 }),
    ).toMatchObject({ kind: 'inline', forward: { fields: { from: 'Grace <grace@acme.com>' } } });
  });

  it('files a note to the capture address that forwards nothing as sent', () => {
    expect(
      filingOf({ addressedToCapture: true, text: 'Just a note', attachedMessages: 0 }),
    ).toEqual({
      kind: 'as_sent',
    });
  });
});
