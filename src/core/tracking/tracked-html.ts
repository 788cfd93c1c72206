/** Where the tracked copy of a message sends its links and loads its pixel. */
export interface TrackingUrls {
  /** The redirect for the message's link number `index`. */
  click(index: number): string;
  pixel: string;
}

export interface TrackedHtml {
  readonly html: string;
  /** Each rewritten link's real target, by its number: the redirect leads only here. */
  readonly links: readonly string[];
}

/** An `href` as the outgoing sanitiser writes it: double-quoted, entities escaped. */
const anchorHref = /(<a\b[^>]*?\shref=")([^"]*)(")/gi;

/**
 * The HTML to send with each web link (http, https) going through its
 * click redirect and a one-pixel image at the end. Expects sanitised HTML
 * (`adapters/html/sanitize-outgoing-html.ts`), whose attributes are
 * double-quoted. The same target linked twice gets one number.
 *
 * @example trackedHtml('<a href="https://acme.test">x</a>', urls).links // ['https://acme.test']
 */
export function trackedHtml(html: string, urls: TrackingUrls): TrackedHtml {
  const links: string[] = [];
  const rewritten = html.replace(anchorHref, (whole, start: string, href: string, end: string) => {
    const target = decodeEntities(href).trim();
    if (!/^https?:\/\//i.test(target)) return whole;
    let index = links.indexOf(target);
    if (index < 0) index = links.push(target) - 1;
    return `${start}${escapeAttribute(urls.click(index))}${end}`;
  });
  const pixel = `<img src="${escapeAttribute(urls.pixel)}" width="1" height="1" alt="" style="border:0">`;
  return { html: `${rewritten}${pixel}`, links };
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|lt|gt|apos);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };
    const lower = entity.toLowerCase();
    if (named[lower]) return named[lower];
    const code = lower.startsWith('#x')
      ? parseInt(lower.slice(2), 16)
      : parseInt(lower.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
