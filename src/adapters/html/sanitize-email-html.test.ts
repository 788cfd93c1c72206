import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from './sanitize-email-html.js';

const blocked = (html: string) => sanitizeEmailHtml(html, { remoteImages: false });

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

  it('replaces remote images by a placeholder and counts them, keeping inline data images', () => {
    const result = blocked(
      '<img src="https://tracker.example/open.gif" alt="Logo"><img src="//cdn.example/x.png"><img src="data:image/png;base64,AAAA">',
    );
    expect(result.blockedImages).toBe(2);
    expect(result.html).not.toContain('tracker.example');
    expect(result.html).not.toContain('cdn.example');
    expect(result.html).toContain(
      '<span class="tl-blocked-image" title="Logo">[image: Logo]</span>',
    );
    expect(result.html).toContain('<img src="data:image/png;base64,AAAA" />');
  });

  it('shows remote https images when asked to', () => {
    const result = sanitizeEmailHtml('<img src="https://cdn.example/logo.png" alt="Logo">', {
      remoteImages: true,
    });
    expect(result).toEqual({
      html: '<img src="https://cdn.example/logo.png" alt="Logo" />',
      blockedImages: 0,
    });
  });

  it('keeps plain inline styles but never a url(), so no remote background can load', () => {
    const { html } = blocked(
      '<div style="color: red; background-image: url(https://tracker.example/bg.png)">t</div><td style="background: url(https://x.example)">c</td>',
    );
    expect(html).toContain('<div style="color:red">t</div>');
    expect(html).not.toContain('url(');
  });
});
