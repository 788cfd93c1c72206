import { describe, expect, it } from 'vitest';
import { holdsRemoteImage, sanitizeEmailHtml, showRemoteImages } from './sanitize-email-html.js';

const messageId = '3f1c3a52-7f55-4b7e-9d9c-2b7f2f0e6a11';
const blocked = (html: string) => sanitizeEmailHtml(html, messageId);
const proxied = (url: string) => `/api/messages/${messageId}/images?url=${encodeURIComponent(url)}`;

describe('sanitizeEmailHtml', () => {
  it('drops scripts, style sheets and event handlers but keeps the text and simple formatting', () => {
    const { html } = blocked(
      '<p onclick="steal()" onmouseover="x()">Hi <b>there</b></p><script>alert(1)</script><style>p{color:red}</style>',
    );
    expect(html).toBe('<p>Hi <b>there</b></p>');
  });

  it('removes javascript: links and opens the others in a new tab without a referrer', () => {
    const { html } = blocked(
      '<a href="javascript:alert(1)">bad</a> <a href="JaVaScRiPt:alert(1)">bad</a> <a href="https://acme.example/">ok</a>',
    );
    expect(html).not.toMatch(/javascript/i);
    expect(html).toContain(
      '<a href="https://acme.example/" target="_blank" rel="noopener noreferrer nofollow">ok</a>',
    );
  });

  it('removes forms, their fields and frames', () => {
    const { html } = blocked(
      '<form action="https://evil.example"><input name="password"><button>Log in</button></form><iframe src="https://evil.example"></iframe>',
    );
    expect(html).not.toMatch(/<form|<input|<button|<iframe/);
  });

  it('holds remote images back, naming their proxy path instead of a source, and counts them', () => {
    const result = blocked(
      '<img src="https://tracker.example/open.gif?u=1&amp;v=2" alt="Logo"><img src="//cdn.example/x.png"><img src="data:image/png;base64,AAAA">',
    );
    expect(result.remoteImages).toBe(2);
    expect(result.html).toBe(
      `<img data-tl-src="${proxied('https://tracker.example/open.gif?u=1&v=2')}" alt="Logo" />` +
        `<img data-tl-src="${proxied('https://cdn.example/x.png')}" />` +
        '<img src="data:image/png;base64,AAAA" />',
    );
  });

  it('loads the held images through the proxy once asked, and knows which images the message holds', () => {
    const { html } = blocked('<p>Hi</p><img src="https://cdn.example/logo.png" alt="Logo">');
    expect(showRemoteImages(html)).toBe(
      `<p>Hi</p><img src="${proxied('https://cdn.example/logo.png')}" alt="Logo" />`,
    );
    expect(holdsRemoteImage(html, messageId, 'https://cdn.example/logo.png')).toBe(true);
    expect(holdsRemoteImage(html, messageId, 'https://cdn.example/other.png')).toBe(false);
    expect(holdsRemoteImage(html, 'another-message', 'https://cdn.example/logo.png')).toBe(false);
  });

  it('never lets a message write the held-source attribute or a proxy path of its own', () => {
    const forged = `${proxied('http://127.0.0.1/secret')}`;
    const { html } = blocked(
      `<img data-tl-src="${forged}" alt="a"><p data-tl-src="${forged}">x</p><p> data-tl-src="${forged}"</p>`,
    );
    expect(html).toBe(
      '<span class="tl-blocked-image" title="a">[image: a]</span><p>x</p>' +
        `<p> data-tl-src="${forged.replaceAll('&', '&amp;')}"</p>`,
    );
    expect(holdsRemoteImage(html, messageId, 'http://127.0.0.1/secret')).toBe(false);
  });

  it('points a cid: image at the part of the message with that Content-ID', () => {
    const { html, remoteImages } = blocked('<img src="cid:logo%40acme.example" alt="Logo">');
    expect(remoteImages).toBe(0);
    expect(html).toBe(
      `<img alt="Logo" src="/api/messages/${messageId}/inline/logo%40acme.example" />`,
    );
  });

  it('turns images it cannot show into a placeholder', () => {
    const { html, remoteImages } = blocked(
      '<img src="x" alt="broken"><img src="ftp://x.example/a.png">',
    );
    expect(remoteImages).toBe(0);
    expect(html).toBe(
      '<span class="tl-blocked-image" title="broken">[image: broken]</span>' +
        '<span class="tl-blocked-image">[image]</span>',
    );
  });

  it('keeps plain inline styles but never a url(), so no remote background can load', () => {
    const { html } = blocked(
      '<div style="color: red; background-image: url(https://tracker.example/bg.png)">t</div><td style="background: url(https://x.example)">c</td>',
    );
    expect(html).toContain('<div style="color:red">t</div>');
    expect(html).not.toContain('url(');
  });
});
