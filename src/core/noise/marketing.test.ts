import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';

const footer =
  '\n\nYou are receiving this email because you are a customer.\nUnsubscribe: https://www.acme.example/u';

describe('marketing without list headers', () => {
  it('treats a role sender’s mail with an unsubscribe footer as a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'webmaster@acme.example',
        subject: 'Spring product update',
        text: `Discover our latest features.${footer}`,
      }),
    );
    expect(verdict).toMatchObject({
      category: 'newsletter',
      reasons: ['unsubscribe link', 'newsletter footer', 'role sender webmaster@acme.example'],
    });
  });

  it('recognises German footers and one-to-many addressing', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'markus.keller@acme.example',
        to: [],
        text: 'Neuigkeiten aus dem Frühjahr.\n\nNewsletter abbestellen: https://www.acme.example/u',
      }),
    );
    expect(verdict).toMatchObject({
      category: 'newsletter',
      reasons: ['unsubscribe link', 'undisclosed recipients'],
    });
  });

  it('needs more than a footer-less layout from a person', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'markus.keller@acme.example',
        html: '<table><tr><td><table width="600"><tr><td>Hi</td></tr></table></td></tr></table><table></table>',
      }),
    );
    expect(verdict.category).toBe('human');
  });

  it('keeps a reply human whatever its body says', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'info@acme.example',
        inReplyTo: ['<x@northwind.example>'],
        text: `Please unsubscribe me.${footer}`,
      }),
    );
    expect(verdict.category).toBe('human');
  });

  it('keeps a customer forwarding a newsletter human', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: 'Fwd: Spring product update',
        text: `Shall we go to this webinar?\n\n---------- Forwarded message ---------\nFrom: News <news@brand.example>${footer}`,
        html: `<div>Shall we go to this webinar?</div><div class="gmail_quote">${footer}</div>`,
      }),
    );
    expect(verdict.category).toBe('human');
  });

  it('keeps a salesperson’s tracked mail human', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'sam@northwind.example',
        to: [mailAddress('ada@acme.example')],
        headers: { 'X-HS-Cid': 'abc' },
        html: '<p>Here is the <a href="https://x.hubspotlinks.com/Ctc/1">proposal</a>.</p><img src="https://t.example/o" width="1" height="1">',
      }),
    );
    expect(verdict.category).toBe('human');
  });

  it('leaves a notification with an unsubscribe footer a notification', () => {
    const verdict = classifyNoise(
      messageForTest({
        from: 'no-reply@cloud.example',
        headers: { 'List-Unsubscribe': '<https://cloud.example/u>', 'Feedback-ID': '1:ses' },
        text: `Your invoice is ready.${footer}`,
      }),
    );
    expect(verdict.category).toBe('noreply_notification');
  });
});
