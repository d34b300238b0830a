// RSS 2.0, Atom and sitemaps as strings: every text and attribute value is escaped, and
// characters XML 1.0 forbids are dropped. URLs are absolute (config.publicUrl).

export interface FeedEntry {
  /** Absolute URL of the news page (percent-encoded slug). */
  url: string;
  title: string;
  summary: string | null;
  publishedAt: Date;
  updatedAt: Date;
  categories: string[];
}

export interface FeedChannel {
  title: string;
  description: string;
  /** The page the feed is about (absolute). */
  siteUrl: string;
  /** The feed's own URL (absolute). */
  selfUrl: string;
  authorName: string;
  entries: FeedEntry[];
  /** When the feed was made: its `updated` when it has no entries yet. */
  generatedAt?: Date;
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(s: string): string {
  return s
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const el = (name: string, text: string) => `<${name}>${xmlEscape(text)}</${name}>`;

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function renderRss(c: FeedChannel): string {
  const newest = c.entries[0]?.publishedAt;
  const items = c.entries.map((e) =>
    [
      '<item>',
      el('title', e.title),
      el('link', e.url),
      `<guid isPermaLink="true">${xmlEscape(e.url)}</guid>`,
      el('pubDate', e.publishedAt.toUTCString()),
      e.summary ? el('description', e.summary) : '',
      ...e.categories.map((cat) => el('category', cat)),
      '</item>',
    ].join(''),
  );
  return (
    XML_DECL +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>' +
    el('title', c.title) +
    el('link', c.siteUrl) +
    el('description', c.description) +
    el('language', 'fa') +
    `<atom:link href="${xmlEscape(c.selfUrl)}" rel="self" type="application/rss+xml"/>` +
    (newest ? el('lastBuildDate', newest.toUTCString()) : '') +
    items.join('') +
    '</channel></rss>\n'
  );
}

export function renderAtom(c: FeedChannel): string {
  const updated = c.entries.reduce<Date | null>((m, e) => (m === null || e.updatedAt > m ? e.updatedAt : m), null) ?? c.generatedAt ?? new Date(0);
  const entries = c.entries.map((e) =>
    [
      '<entry>',
      el('id', e.url),
      el('title', e.title),
      `<link rel="alternate" type="text/html" href="${xmlEscape(e.url)}"/>`,
      el('published', e.publishedAt.toISOString()),
      el('updated', e.updatedAt.toISOString()),
      e.summary ? el('summary', e.summary) : '',
      ...e.categories.map((cat) => `<category term="${xmlEscape(cat)}"/>`),
      '</entry>',
    ].join(''),
  );
  return (
    XML_DECL +
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fa">' +
    el('id', c.selfUrl) +
    el('title', c.title) +
    el('subtitle', c.description) +
    el('updated', updated.toISOString()) +
    `<link rel="self" type="application/atom+xml" href="${xmlEscape(c.selfUrl)}"/>` +
    `<link rel="alternate" type="text/html" href="${xmlEscape(c.siteUrl)}"/>` +
    `<author>${el('name', c.authorName)}</author>` +
    entries.join('') +
    '</feed>\n'
  );
}

export function renderSitemap(urls: Array<{ loc: string; lastmod?: Date | null }>): string {
  return (
    XML_DECL +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
    urls.map((u) => `<url>${el('loc', u.loc)}${u.lastmod ? el('lastmod', u.lastmod.toISOString()) : ''}</url>`).join('') +
    '</urlset>\n'
  );
}

/** A Google News sitemap: items of the last two days, with publication name and language. */
export function renderNewsSitemap(publicationName: string, items: Array<{ loc: string; title: string; publishedAt: Date }>): string {
  return (
    XML_DECL +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
    items
      .map(
        (i) =>
          `<url>${el('loc', i.loc)}<news:news><news:publication>${el('news:name', publicationName)}${el('news:language', 'fa')}</news:publication>` +
          `${el('news:publication_date', i.publishedAt.toISOString())}${el('news:title', i.title)}</news:news></url>`,
      )
      .join('') +
    '</urlset>\n'
  );
}
