import { describe, expect, it } from 'vitest';
import { trackedHtml } from './tracked-html.js';

const urls = {
  click: (index: number) => `https://crm.test/t/c/tok${index}`,
  pixel: 'https://crm.test/t/o/px',
};

describe('the tracked copy of an HTML body', () => {
  it('sends each web link through its redirect and numbers repeated targets once', () => {
    const tracked = trackedHtml(
      '<p><a href="https://acme.test/a?x=1&amp;y=2">A</a> <a target="_blank" href="http://b.test">B</a> <a href="https://acme.test/a?x=1&amp;y=2">A again</a></p>',
      urls,
    );
    expect(tracked.links).toEqual(['https://acme.test/a?x=1&y=2', 'http://b.test']);
    expect(tracked.html).toContain('<a href="https://crm.test/t/c/tok0">A</a>');
    expect(tracked.html).toContain('<a target="_blank" href="https://crm.test/t/c/tok1">B</a>');
    expect(tracked.html.match(/tok0/g)).toHaveLength(2);
  });

  it('leaves mail and phone links alone', () => {
    const tracked = trackedHtml(
      '<a href="mailto:ada@acme.test">mail</a><a href="tel:+4930">call</a>',
      urls,
    );
    expect(tracked.links).toEqual([]);
    expect(tracked.html).toContain('href="mailto:ada@acme.test"');
  });

  it('ends the body with a one-pixel image', () => {
    expect(trackedHtml('<p>Hi</p>', urls).html).toBe(
      '<p>Hi</p><img src="https://crm.test/t/o/px" width="1" height="1" alt="" style="border:0">',
    );
  });
});
