import sanitizeHtml from 'sanitize-html';

export interface SanitizedHtml {
  readonly html: string;
  /** Remote images, held back until the reader asks (`showRemoteImages`). */
  readonly remoteImages: number;
}

/**
 * Where a remote image of the message loads from once the reader asks: our
 * own proxy, so the page never talks to the sender's hosts and the frame's
 * policy only has to allow our origin.
 */
export function imageProxyPath(messageId: string, url: string): string {
  return `/api/messages/${messageId}/images?url=${encodeURIComponent(url)}`;
}

/** Where an inline image sent as a part of the message (`cid:` URL) loads from. */
export function inlineImagePath(messageId: string, contentId: string): string {
  return `/api/messages/${messageId}/inline/${encodeURIComponent(contentId)}`;
}

/**
 * A held-back remote image names its proxy path in this attribute instead of
 * `src`, so it loads nothing. Only the sanitiser writes it, as the first
 * attribute of an `img`: a message's own `data-` attributes are all dropped,
 * and text has its `<` escaped, so `<img data-tl-src="` appears nowhere else.
 */
const heldSource = 'data-tl-src';
const heldImage = `<img ${heldSource}="`;

/** The sanitised HTML with its remote images loading, through our proxy. */
export function showRemoteImages(html: string): string {
  return html.replaceAll(heldImage, '<img src="');
}

/** Whether the sanitised HTML of the message holds this remote image: the proxy fetches no other. */
export function holdsRemoteImage(html: string, messageId: string, url: string): boolean {
  return html.includes(`${heldImage}${imageProxyPath(messageId, url)}"`);
}

/** A colour, length or keyword: anything but `url(`, `expression(` and friends. */
const plainValue = [/^[#\w\s.,%'"-]+$/];

const allowedTags = [
  ...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'style'),
  'img',
  'font',
  'center',
];

/**
 * Email HTML made safe to show inside our page: no scripts, event handlers,
 * `javascript:` links, forms, frames or style sheets; inline styles only for
 * plain values (no `url()`, so no remote background either). A remote image
 * is a read receipt for whoever sent it, so it is held back (it keeps its
 * place and alt text, and its proxy path in `data-tl-src`) until
 * `showRemoteImages`; a `cid:` image points at the message's part of that
 * Content-ID; inline `data:` images stay; any other image becomes a placeholder.
 *
 * @example
 * sanitizeEmailHtml('<img src="https://x.example/a.png">', id).html
 * // '<img data-tl-src="/api/messages/<id>/images?url=https%3A%2F%2Fx.example%2Fa.png" />'
 */
export function sanitizeEmailHtml(html: string, messageId: string): SanitizedHtml {
  let remoteImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      '*': ['style', 'align', 'valign', 'width', 'height', 'dir', 'lang', 'title'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', heldSource, 'alt', 'width', 'height'],
      font: ['color', 'face', 'size'],
      td: ['colspan', 'rowspan', 'bgcolor'],
      th: ['colspan', 'rowspan', 'bgcolor'],
      table: ['border', 'cellpadding', 'cellspacing', 'bgcolor'],
      span: ['class'],
    },
    allowedClasses: { span: ['tl-blocked-image'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    allowedStyles: {
      '*': Object.fromEntries(
        [
          'color',
          'background-color',
          'font-family',
          'font-size',
          'font-style',
          'font-weight',
          'line-height',
          'text-align',
          'text-decoration',
          'vertical-align',
          'white-space',
          'margin',
          'padding',
          'border',
          'border-collapse',
          'width',
          'height',
          'max-width',
          'display',
        ].map((property) => [property, plainValue]),
      ),
    },
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (
        tagName,
        { src: rawSource = '', [heldSource]: _forged, ...attribs },
      ): sanitizeHtml.Tag => {
        const src = rawSource.trim();
        if (/^data:image\//i.test(src)) return { tagName, attribs: { ...attribs, src } };
        const contentId = /^cid:(.+)$/i.exec(src)?.[1];
        if (contentId !== undefined) {
          return {
            tagName,
            attribs: { ...attribs, src: inlineImagePath(messageId, decoded(contentId)) },
          };
        }
        // Protocol-relative sources are taken as https.
        if (/^(https?:)?\/\//i.test(src) && URL.canParse(src, 'https://x')) {
          const remote = new URL(src, 'https://x').href;
          remoteImages += 1;
          return {
            tagName,
            attribs: { [heldSource]: imageProxyPath(messageId, remote), ...attribs },
          };
        }
        return {
          tagName: 'span',
          attribs: { class: 'tl-blocked-image', title: attribs.alt ?? '' },
          text: attribs.alt ? `[image: ${attribs.alt}]` : '[image]',
        };
      },
    },
  });
  return { html: clean, remoteImages };
}

/** A `cid:` URL's Content-ID: percent-encoded in the URL (RFC 2392), bare in the header. */
function decoded(contentId: string): string {
  try {
    return decodeURIComponent(contentId);
  } catch {
    return contentId;
  }
}
