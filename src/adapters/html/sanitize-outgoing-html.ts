import sanitizeHtml from 'sanitize-html';

/**
 * The HTML a user writes, made safe to send: formatting, links and images
 * kept; scripts, forms, event handlers, `javascript:` links and styles that
 * load anything removed. Unlike the reader's sanitiser it leaves image
 * sources as they are: the recipient's client decides whether to load them.
 *
 * @example sanitizeOutgoingHtml('<p onclick="x()">Hi<script>x()</script></p>') // '<p>Hi</p>'
 */
export function sanitizeOutgoingHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'span', 'u', 's'],
    allowedAttributes: {
      '*': ['style', 'align', 'dir', 'lang', 'title'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height'],
      font: ['color', 'face', 'size'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
    allowedStyles: {
      '*': {
        color: [/^[#a-z0-9(),.\s%]+$/i],
        'background-color': [/^[#a-z0-9(),.\s%]+$/i],
        'font-weight': [/^\w+$/],
        'font-style': [/^\w+$/],
        'font-size': [/^[\d.]+(px|pt|em|%)$/],
        'text-decoration': [/^[\w\s-]+$/],
        'text-align': [/^\w+$/],
      },
    },
  });
}
