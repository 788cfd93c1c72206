import { describe, expect, it } from 'vitest';
import { htmlText, ownHtml, ownText } from './body.js';

describe("a message's own part", () => {
  it.each([
    ['Gmail', 'See below.\n\n---------- Forwarded message ---------\nFrom: x'],
    ['Outlook', 'See below.\n\n-----Original Message-----\nFrom: x'],
    ['Apple Mail', 'See below.\n\nBegin forwarded message:\n\nFrom: x'],
    ['a quote', 'See below.\n\nOn Tue, 4 Mar 2025 at 10:00, Ada <ada@acme.example> wrote:\n> x'],
    ['a German quote', 'See below.\n\nAm 04.03.2025 um 10:00 schrieb Ada <ada@acme.example>:\n> x'],
    ['a signature', 'See below.\n-- \nAda'],
  ])('ends where %s begins', (_, text) => {
    expect(ownText({ text, html: null }).trim()).toBe('See below.');
  });

  it('reads the HTML as text when there is no plain text', () => {
    expect(ownText({ text: null, html: '<p>Hello&nbsp;you</p><p>Bye</p>' })).toBe(
      'Hello you\nBye\n',
    );
  });

  it('cuts the HTML before Gmail’s quote', () => {
    expect(ownHtml({ html: '<div>Mine</div><div class="gmail_quote">Theirs</div>' })).toBe(
      '<div>Mine</div>',
    );
  });

  it('drops styles and scripts from HTML text', () => {
    expect(htmlText('<style>p{}</style><p>a &amp; b</p>')).toBe('a & b\n');
  });
});
