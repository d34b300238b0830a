// The server is the authority on news HTML, whatever the editor sends: a small allow-list
// (DESIGN.md "rich text"), our own media only, safe link schemes only. Text is left
// alone; Persian normalisation is a separate editorial step.
import sanitizeHtml from 'sanitize-html';

export interface NewsHtmlOptions {
  /** True for an image URL we serve ourselves (e.g. /media/...). Called with the decoded src. */
  isOwnMediaUrl: (src: string) => boolean;
}

const NEWS_TAGS = ['p', 'h2', 'h3', 'blockquote', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'br', 'figure', 'figcaption', 'img'];

// Disallowed elements are unwrapped (their text kept), except these, whose content is
// code, markup of another language or form plumbing: dropped whole.
const DROPPED_WITH_CONTENT = [
  'script',
  'style',
  'textarea',
  'option',
  'select',
  'button',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'svg',
  'math',
  'template',
  'title',
  'xmp',
  'plaintext',
  'head',
  'canvas',
  'audio',
  'video',
  'picture',
  'map',
];

// Browsers ignore tab/newline anywhere in a URL and C0 controls and spaces around it,
// so "java\nscript:" is javascript:. Look at the scheme the browser would see.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IGNORED_IN_URL = /[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]/g;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

type UrlKind = 'http' | 'mailto' | 'relative';

/** Classifies a decoded attribute value as a safe URL, or null when it must go. */
function safeUrl(raw: string, allowed: readonly UrlKind[]): string | null {
  const value = raw.trim();
  if (value === '' || CONTROL.test(value)) return null;
  const probe = value.replace(IGNORED_IN_URL, '');
  const scheme = SCHEME.exec(probe)?.[1]?.toLowerCase();
  if (scheme !== undefined) {
    if ((scheme === 'http' || scheme === 'https') && allowed.includes('http')) return value;
    if (scheme === 'mailto' && allowed.includes('mailto')) return value;
    return null;
  }
  // Protocol-relative ("//host", "\\host", "/\host") reaches another site: not relative.
  if (/^[\\/]{2}/.test(probe)) return null;
  // A colon before any / ? # that is not a scheme (e.g. "1:x") confuses parsers; refuse it.
  const firstPart = probe.split(/[/?#]/, 1)[0] ?? '';
  if (firstPart.includes(':')) return null;
  return allowed.includes('relative') ? value : null;
}

const DIMENSION = /^\d{1,4}$/;

export function sanitizeNewsHtml(html: string, opts: NewsHtmlOptions): string {
  return sanitizeHtml(html, newsHtmlOptions(opts));
}

/**
 * News HTML with its text rewritten by `textFilter`. Give it what sanitizeNewsHtml
 * returned: the markup passes the same allow-list again (and comes out unchanged). The
 * filter gets each text node escaped and its result is written as given, so it must
 * return escaped text.
 */
export function rewriteNewsHtmlText(cleanHtml: string, opts: NewsHtmlOptions, textFilter: (escapedText: string) => string): string {
  return sanitizeHtml(cleanHtml, { ...newsHtmlOptions(opts), textFilter });
}

function newsHtmlOptions(opts: NewsHtmlOptions): sanitizeHtml.IOptions {
  return {
    allowedTags: NEWS_TAGS,
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'width', 'height'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    // Pathologically deep markup is flattened (tags past this depth dropped, text kept).
    nestingLimit: 20,
    transformTags: {
      // What editors and pasted documents commonly send, mapped onto the allow-list.
      h1: 'h2',
      h4: 'h3',
      h5: 'h3',
      h6: 'h3',
      b: 'strong',
      i: 'em',
      a: (tagName, attribs) => {
        const href = attribs.href === undefined ? null : safeUrl(attribs.href, ['http', 'mailto', 'relative']);
        const out: Record<string, string> = {};
        if (href !== null) {
          out.href = href;
          // No target is ever set; rel keeps an absolute link from learning where it came from.
          if (/^https?:/i.test(href.replace(IGNORED_IN_URL, ''))) out.rel = 'noopener noreferrer';
        }
        return { tagName, attribs: out };
      },
      img: (tagName, attribs) => {
        const src = attribs.src === undefined ? null : safeUrl(attribs.src, ['http', 'relative']);
        const out: Record<string, string> = {};
        if (src !== null && opts.isOwnMediaUrl(src)) out.src = src;
        if (attribs.alt !== undefined) out.alt = attribs.alt;
        for (const d of ['width', 'height'] as const) {
          const v = attribs[d]?.trim();
          if (v !== undefined && DIMENSION.test(v) && Number(v) > 0) out[d] = String(Number(v));
        }
        return { tagName, attribs: out };
      },
    },
    exclusiveFilter(frame) {
      // An image that is not ours goes entirely; a link without a safe href keeps its text.
      if (frame.tag === 'img') return !frame.attribs.src;
      if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
      return false;
    },
  };
}

// Where plain text needs a break so words of two blocks do not run together.
const BLOCK_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li', 'figcaption', 'div', 'section', 'article', 'tr', 'pre'];

/**
 * Text of an HTML fragment, for leads, search and feeds: blocks become paragraphs
 * separated by a blank line, <br> a line break, scripts and styles nothing, entities
 * decoded. The result is text, to be escaped wherever it is shown.
 */
export function htmlToPlainText(html: string): string {
  // First reduce to a canonical form sanitize-html wrote itself (only bare block tags and
  // <br />, "<" in text escaped), so the tag-stripping below is exact.
  const canonical = sanitizeHtml(html, {
    allowedTags: [...BLOCK_TAGS, 'br'],
    allowedAttributes: {},
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
  });
  const text = canonical
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<(\/?)([a-z0-9]+)>/g, (_m, close: string, tag: string) => (tag !== 'li' ? '\n\n' : close ? '' : '\n'))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Controls except tab and line breaks; C1 controls; bidi embeddings/overrides/isolates,
// which can make a comment display as something other than what it says.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const COMMENT_STRIP = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A citizen's comment, as plain text (comments are never HTML; rendering escapes them):
 * control characters and bidi overrides removed, line ends unified, trailing spaces of
 * lines removed, more than two blank lines in a row collapsed to two, ends trimmed.
 * ZWNJ (half-space), ZWJ and LRM/RLM are kept: Persian text needs them.
 */
export function sanitizeCommentText(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(COMMENT_STRIP, '')
    .replace(/\t/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
}
