import sanitizeHtml from 'sanitize-html';

export interface SanitizedHtml {
  readonly html: string;
  /** Remote (or otherwise unrenderable) images replaced by a placeholder. */
  readonly blockedImages: number;
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
 * is a read receipt for whoever sent it, so it becomes a placeholder unless
 * `remoteImages` is asked for; inline `data:` images stay.
 */
export function sanitizeEmailHtml(html: string, options: { remoteImages: boolean }): SanitizedHtml {
  let blockedImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags,
    allowedAttributes: {
      '*': ['style', 'align', 'valign', 'width', 'height', 'dir', 'lang', 'title'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'face', 'size'],
      td: ['colspan', 'rowspan', 'bgcolor'],
      th: ['colspan', 'rowspan', 'bgcolor'],
      table: ['border', 'cellpadding', 'cellspacing', 'bgcolor'],
      span: ['class'],
    },
    allowedClasses: { span: ['tl-blocked-image'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: options.remoteImages ? ['data', 'http', 'https'] : ['data'] },
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
      img: (tagName, attribs) => {
        const src = (attribs.src ?? '').trim();
        const inline = /^data:image\//i.test(src);
        const remoteAllowed = options.remoteImages && /^https?:\/\//i.test(src);
        if (inline || remoteAllowed) return { tagName, attribs };
        blockedImages += 1;
        return {
          tagName: 'span',
          attribs: { class: 'tl-blocked-image', title: attribs.alt ?? '' },
          text: attribs.alt ? `[image: ${attribs.alt}]` : '[image]',
        };
      },
    },
  });
  return { html: clean, blockedImages };
}
