import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise.js';
import { mailAddress, messageForTest } from '../../../test/support/message-for-test.js';

describe('discussion list posts', () => {
  it('treats a kernel list post (Precedence: bulk, the list in Cc) as a list post, not a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({
        subject: '[PATCH v2 1/3] net: reset retry backoff',
        to: [mailAddress('maintainer@kernel.example')],
        cc: [mailAddress('netdev@vger.kernel.org')],
        headers: {
          'List-Id': '<netdev.vger.kernel.org>',
          'X-Mailing-List': 'netdev@vger.kernel.org',
          'List-Unsubscribe': '<mailto:netdev+unsubscribe@vger.kernel.org>',
          Precedence: 'bulk',
        },
      }),
    );
    expect(verdict).toMatchObject({ category: 'list', listAddress: 'netdev@vger.kernel.org' });
  });

  it('treats a post a Microsoft 365 group sends on its author’s behalf as a list post', () => {
    const verdict = classifyNoise(
      messageForTest({
        to: [mailAddress('falcon@acme.example')],
        sender: mailAddress('falcon@acme.example'),
      }),
    );
    expect(verdict).toMatchObject({
      category: 'list',
      reasons: ['group sender falcon@acme.example', 'list address falcon@acme.example'],
      listAddress: 'falcon@acme.example',
    });
  });

  it('keeps a secretary sending on a manager’s behalf human', () => {
    const verdict = classifyNoise(
      messageForTest({ sender: mailAddress('assistant@acme.example') }),
    );
    expect(verdict.category).toBe('human');
  });

  it('treats list headers sent to one subscriber, with no post to answer, as a newsletter', () => {
    const verdict = classifyNoise(
      messageForTest({
        headers: {
          'List-Id': '<offers.brand.example>',
          'List-Unsubscribe': '<https://brand.example/u>',
          Precedence: 'bulk',
        },
      }),
    );
    expect(verdict.category).toBe('newsletter');
  });

  it('treats a campaign built like one as a newsletter even through a list', () => {
    const links = Array.from(
      { length: 4 },
      (_, n) => `<a href="https://click.brand.example/${n}">x</a>`,
    ).join('');
    const verdict = classifyNoise(
      messageForTest({
        to: [mailAddress('customers@lists.brand.example')],
        html: `<table><tr><td><table role="presentation" width="600"><tr><td>${links}</td></tr></table></td></tr></table><table></table>`,
        text: null,
        headers: {
          'List-Id': '<customers.lists.brand.example>',
          'List-Post': '<mailto:customers@lists.brand.example>',
        },
      }),
    );
    expect(verdict.category).toBe('newsletter');
  });
});
