// The MUST rules of the feed and sitemap formats the portal serves, as small checkers
// written from the specifications:
//   RSS 2.0           https://www.rssboard.org/rss-specification (dates: RFC 822, 4-digit years allowed)
//   Atom              RFC 4287 (dates: RFC 3339, ids: IRIs, RFC 3987)
//   Sitemaps          https://www.sitemaps.org/protocol.html (dates: W3C Datetime)
//   Google News       https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap
// Each checker returns a list of problems in plain words; an empty list means the document
// keeps the rules. fast-xml-parser does the parsing; namespaces are resolved from the
// prefixes declared on the root element (these formats declare them there).
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
} as const;

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  // Every element may repeat: callers count them (exactly one, at most one, …).
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
});

/** Well-formed XML 1.0, or the parser's complaint. */
export function checkWellFormed(xml: string): string[] {
  const result = XMLValidator.validate(xml);
  return result === true ? [] : [`not well-formed XML: ${result.err.msg} (line ${result.err.line}, column ${result.err.col})`];
}

/** Parses a document; throws if it is not well-formed. */
export function parseXml(xml: string): XmlNode {
  const problems = checkWellFormed(xml);
  if (problems.length > 0) throw new Error(problems[0]);
  return parser.parse(xml) as XmlNode;
}

// ------------------------------------------------------------------ tree helpers

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  const value = node?.[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'object' && v !== null ? (v as XmlNode) : { '#text': String(v) }));
}

/** The text content of an element (fast-xml-parser puts it in #text, or nowhere when empty). */
export function textOf(node: XmlNode | undefined): string {
  if (!node) return '';
  const t = node['#text'];
  if (t === undefined) return '';
  return Array.isArray(t) ? t.join('') : String(t);
}

function attr(node: XmlNode | undefined, name: string): string | undefined {
  const v = node?.[`@${name}`];
  return v === undefined ? undefined : String(v);
}

/** The one root element: its name and node. */
function rootOf(doc: XmlNode): { name: string; node: XmlNode } | null {
  const names = Object.keys(doc).filter((k) => !k.startsWith('?') && !k.startsWith('#') && !k.startsWith('@'));
  if (names.length !== 1) return null;
  const nodes = children(doc, names[0]!);
  return nodes.length === 1 ? { name: names[0]!, node: nodes[0]! } : null;
}

/** The element-name prefix bound to a namespace on the root ('' for the default namespace), or null. */
function prefixFor(root: XmlNode, namespace: string): string | null {
  for (const [key, value] of Object.entries(root)) {
    if (value !== namespace) continue;
    if (key === '@xmlns') return '';
    if (key.startsWith('@xmlns:')) return `${key.slice('@xmlns:'.length)}:`;
  }
  return null;
}

// ------------------------------------------------------------------ values

/** An absolute http(s) URL. */
export function isAbsoluteHttpUrl(s: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(s)) return false;
  try {
    return new URL(s).host !== '';
  } catch {
    return false;
  }
}

/** An absolute IRI (RFC 3987): a scheme, a colon, and no whitespace or characters IRIs exclude. */
export function isAbsoluteIri(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001F\u007F]+$/.test(s);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function validClock(h: number, m: number, s: number): boolean {
  return h <= 23 && m <= 59 && s <= 60; // 60: a leap second
}

/**
 * An RFC 822 date-time (section 5), as RSS 2.0 uses it: `[day ","] date time zone`, where a
 * 4-digit year is allowed (and preferred). The date must exist and a given weekday must match.
 */
export function isRfc822Date(s: string): boolean {
  const m = /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{2}|\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[A-IK-Z]|[+-]\d{4})$/.exec(s);
  if (!m) return false;
  const year = m[4]!.length === 2 ? 1900 + Number(m[4]) : Number(m[4]);
  const month = MONTHS.indexOf(m[3]!) + 1;
  const day = Number(m[2]);
  if (day < 1 || day > daysIn(year, month)) return false;
  if (!validClock(Number(m[5]), Number(m[6]), Number(m[7] ?? 0))) return false;
  if (/^[+-]\d{4}$/.test(m[8]!) && (Number(m[8]!.slice(1, 3)) > 23 || Number(m[8]!.slice(3)) > 59)) return false;
  if (m[1] && DAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] !== m[1]) return false;
  return true;
}

/** An RFC 3339 date-time, with the upper-case "T" and "Z" Atom requires (RFC 4287 §3.3). */
export function isRfc3339DateTime(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return false;
  if (!validClock(Number(m[4]), Number(m[5]), Number(m[6]))) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return true;
}

/** A W3C Datetime (https://www.w3.org/TR/NOTE-datetime): YYYY, YYYY-MM, YYYY-MM-DD, or with hh:mm[:ss[.s]] and a zone. */
export function isW3cDatetime(s: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2})))?)?)?$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 12)) return false;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > daysIn(year, Number(m[2])))) return false;
  if (m[4] !== undefined && !validClock(Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) return false;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return false;
  return true;
}

/** Parses a W3C Datetime to an instant (a date without a time counts as its UTC midnight). */
function w3cInstant(s: string): Date {
  return new Date(s.length <= 10 ? `${s}${'-01'.repeat((10 - s.length) / 3)}T00:00:00Z` : s);
}

/**
 * Every `&` in the raw text of the given elements starts an entity or character reference,
 * and no `<` appears inside their text: the text was XML-escaped. (A parser would already
 * refuse most of this; the check names the element.)
 */
function rawTextProblems(xml: string, element: string): string[] {
  const problems: string[] = [];
  const re = new RegExp(`<${element}(?:\\s[^>]*)?>([\\s\\S]*?)</${element}>`, 'g');
  for (const m of xml.matchAll(re)) {
    const raw = m[1]!;
    if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/.test(raw) || raw.includes('<')) {
      problems.push(`<${element}> text is not XML-escaped: ${raw.slice(0, 80)}`);
    }
  }
  return problems;
}

// ------------------------------------------------------------------ RSS 2.0

export interface RssOptions {
  /** The URL the feed was fetched from: atom:link rel="self" must point at it. */
  selfUrl?: string;
}

/** RSS 2.0: <rss version="2.0"> with one <channel> (title, link, description), items with a title or a description. */
export function checkRss(xml: string, options: RssOptions = {}): string[] {
  const wellFormed = checkWellFormed(xml);
  if (wellFormed.length > 0) return wellFormed;
  const problems: string[] = [];
  const root = rootOf(parseXml(xml));
  if (!root || root.name !== 'rss') return ['the root element is not <rss>'];
  if (attr(root.node, 'version') !== '2.0') problems.push(`rss@version is ${JSON.stringify(attr(root.node, 'version'))}, not "2.0"`);
  const channels = children(root.node, 'channel');
  if (channels.length !== 1) return [...problems, `<rss> has ${channels.length} <channel> elements, not one`];
  const channel = channels[0]!;
  for (const name of ['title', 'link', 'description']) {
    const found = children(channel, name);
    if (found.length !== 1) problems.push(`<channel> has ${found.length} <${name}> elements, not one`);
    else if (name !== 'description' && textOf(found[0]).trim() === '') problems.push(`<channel><${name}> is empty`);
  }
  const link = textOf(children(channel, 'link')[0]);
  if (link && !isAbsoluteHttpUrl(link)) problems.push(`<channel><link> is not an absolute URL: ${link}`);
  for (const name of ['pubDate', 'lastBuildDate']) {
    for (const d of children(channel, name)) if (!isRfc822Date(textOf(d))) problems.push(`<channel><${name}> is not an RFC 822 date: ${textOf(d)}`);
  }

  // The self link (RSS Best Practices; feed validators ask for it): atom:link rel="self".
  const atom = prefixFor(root.node, NS.atom);
  const selfLinks = atom === null || atom === '' ? [] : children(channel, `${atom}link`).filter((l) => attr(l, 'rel') === 'self');
  if (atom === null) problems.push('the Atom namespace is not declared for atom:link');
  if (selfLinks.length !== 1) problems.push(`<channel> has ${selfLinks.length} atom:link rel="self", not one`);
  for (const l of selfLinks) {
    const href = attr(l, 'href') ?? '';
    if (!isAbsoluteHttpUrl(href)) problems.push(`atom:link rel="self" href is not an absolute URL: ${href}`);
    else if (options.selfUrl && href !== options.selfUrl) problems.push(`atom:link rel="self" is ${href}, the feed is at ${options.selfUrl}`);
  }

  children(channel, 'item').forEach((item, i) => {
    const where = `item ${i + 1}`;
    if (children(item, 'title').length === 0 && children(item, 'description').length === 0) problems.push(`${where} has neither <title> nor <description>`);
    for (const name of ['title', 'link', 'description', 'guid', 'pubDate']) {
      if (children(item, name).length > 1) problems.push(`${where} has more than one <${name}>`);
    }
    for (const l of children(item, 'link')) if (!isAbsoluteHttpUrl(textOf(l))) problems.push(`${where} <link> is not an absolute URL: ${textOf(l)}`);
    for (const g of children(item, 'guid')) {
      const permalink = attr(g, 'isPermaLink') ?? 'true';
      if (permalink !== 'true' && permalink !== 'false') problems.push(`${where} <guid isPermaLink> is ${permalink}`);
      if (permalink === 'true' && !isAbsoluteHttpUrl(textOf(g))) problems.push(`${where} <guid> is a permalink but not an absolute URL: ${textOf(g)}`);
    }
    for (const d of children(item, 'pubDate')) if (!isRfc822Date(textOf(d))) problems.push(`${where} <pubDate> is not an RFC 822 date: ${textOf(d)}`);
  });
  return problems;
}

// ------------------------------------------------------------------ Atom (RFC 4287)

function checkAtomLinks(where: string, links: XmlNode[]): string[] {
  const problems: string[] = [];
  const alternates = new Set<string>();
  for (const l of links) {
    const href = attr(l, 'href');
    if (!href) problems.push(`${where}: an atom:link has no href`);
    if ((attr(l, 'rel') ?? 'alternate') === 'alternate') {
      const key = `${attr(l, 'type') ?? ''}|${attr(l, 'hreflang') ?? ''}`;
      if (alternates.has(key)) problems.push(`${where}: two rel="alternate" links with the same type and hreflang`);
      alternates.add(key);
    }
  }
  return problems;
}

function checkAtomPersons(where: string, persons: XmlNode[], p: string): string[] {
  return persons.flatMap((person) => (children(person, `${p}name`).length === 1 ? [] : [`${where}: an author has ${children(person, `${p}name`).length} names, not one`]));
}

function checkAtomTexts(where: string, node: XmlNode, p: string, names: string[]): string[] {
  const problems: string[] = [];
  for (const name of names) {
    for (const t of children(node, `${p}${name}`)) {
      const type = attr(t, 'type') ?? 'text';
      if (!['text', 'html', 'xhtml'].includes(type)) problems.push(`${where}: <${name}> has type="${type}"`);
    }
  }
  return problems;
}

/** Exactly one child element of a name, with a value that passes a test. */
function exactlyOne(where: string, node: XmlNode, name: string, label: string, test?: { ok: (v: string) => boolean; what: string }): string[] {
  const found = children(node, name);
  if (found.length !== 1) return [`${where} has ${found.length} <${label}> elements, not one`];
  const value = textOf(found[0]).trim();
  if (test && !test.ok(value)) return [`${where} <${label}> is not ${test.what}: ${value}`];
  return [];
}

/** Atom (RFC 4287 §4.1): feed and entries with id (IRI), title, updated (RFC 3339); authors; links. */
export function checkAtom(xml: string): string[] {
  const wellFormed = checkWellFormed(xml);
  if (wellFormed.length > 0) return wellFormed;
  const root = rootOf(parseXml(xml));
  if (!root) return ['no single root element'];
  const p = prefixFor(root.node, NS.atom);
  if (p === null || root.name !== `${p}feed`) return [`the root element is not atom:feed in the ${NS.atom} namespace`];
  const problems: string[] = [];
  const feed = root.node;
  const iri = { ok: isAbsoluteIri, what: 'an absolute IRI' };
  const date = { ok: isRfc3339DateTime, what: 'an RFC 3339 date-time' };
  problems.push(...exactlyOne('the feed', feed, `${p}id`, 'id', iri));
  problems.push(...exactlyOne('the feed', feed, `${p}title`, 'title'));
  problems.push(...exactlyOne('the feed', feed, `${p}updated`, 'updated', date));
  problems.push(...checkAtomLinks('the feed', children(feed, `${p}link`)));
  problems.push(...checkAtomPersons('the feed', children(feed, `${p}author`), p));
  problems.push(...checkAtomTexts('the feed', feed, p, ['title', 'subtitle', 'rights']));
  const feedHasAuthor = children(feed, `${p}author`).length > 0;
  for (const name of ['generator', 'icon', 'logo', 'rights', 'subtitle']) {
    if (children(feed, `${p}${name}`).length > 1) problems.push(`the feed has more than one <${name}>`);
  }

  children(feed, `${p}entry`).forEach((entry, i) => {
    const where = `entry ${i + 1}`;
    problems.push(...exactlyOne(where, entry, `${p}id`, 'id', iri));
    problems.push(...exactlyOne(where, entry, `${p}title`, 'title'));
    problems.push(...exactlyOne(where, entry, `${p}updated`, 'updated', date));
    for (const name of ['published', 'summary', 'content', 'rights']) {
      if (children(entry, `${p}${name}`).length > 1) problems.push(`${where} has more than one <${name}>`);
    }
    for (const d of children(entry, `${p}published`)) if (!isRfc3339DateTime(textOf(d))) problems.push(`${where} <published> is not an RFC 3339 date-time: ${textOf(d)}`);
    if (!feedHasAuthor && children(entry, `${p}author`).length === 0 && children(entry, `${p}source`).length === 0) {
      problems.push(`${where} has no author and neither has the feed`);
    }
    problems.push(...checkAtomPersons(where, children(entry, `${p}author`), p));
    problems.push(...checkAtomTexts(where, entry, p, ['title', 'summary', 'rights']));
    const links = children(entry, `${p}link`);
    problems.push(...checkAtomLinks(where, links));
    const hasAlternate = links.some((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
    const content = children(entry, `${p}content`);
    if (!hasAlternate && content.length === 0) problems.push(`${where} has neither a rel="alternate" link nor <content>`);
    if (content.some((c) => attr(c, 'src') !== undefined) && children(entry, `${p}summary`).length === 0) problems.push(`${where} has out-of-line content but no <summary>`);
  });
  return problems;
}

// ------------------------------------------------------------------ Sitemaps

export interface SitemapOptions {
  /** Every <loc> must be on this host (the sitemap's own). */
  host: string;
}

export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_MAX_BYTES = 50 * 1024 * 1024;
const CHANGEFREQ = ['always', 'hourly', 'daily', 'weekly', 'monthly', 'yearly', 'never'];

function sitemapUrls(xml: string, extraNamespaces: string[] = []): { problems: string[]; urls: XmlNode[]; root?: XmlNode } {
  const wellFormed = checkWellFormed(xml);
  if (wellFormed.length > 0) return { problems: wellFormed, urls: [] };
  const root = rootOf(parseXml(xml));
  if (!root) return { problems: ['no single root element'], urls: [] };
  const p = prefixFor(root.node, NS.sitemap);
  if (p === null || root.name !== `${p}urlset`) return { problems: [`the root element is not <urlset> in the ${NS.sitemap} namespace`], urls: [] };
  const problems = extraNamespaces.filter((ns) => prefixFor(root.node, ns) === null).map((ns) => `the namespace ${ns} is not declared`);
  return { problems, urls: children(root.node, `${p}url`), root: root.node };
}

/** The sitemaps.org protocol: <urlset>, ≤ 50,000 <url>, each one absolute <loc> on the host, escaped, < 2,048 characters; lastmod W3C Datetime. */
export function checkSitemap(xml: string, options: SitemapOptions): string[] {
  const { problems, urls, root } = sitemapUrls(xml);
  if (!root) return problems;
  const p = prefixFor(root, NS.sitemap)!;
  if (Buffer.byteLength(xml, 'utf8') > SITEMAP_MAX_BYTES) problems.push('the sitemap is larger than 50 MB');
  if (urls.length > SITEMAP_MAX_URLS) problems.push(`the sitemap has ${urls.length} URLs, more than ${SITEMAP_MAX_URLS}`);
  if (urls.length === 0) problems.push('the sitemap has no <url>');
  const seen = new Set<string>();
  urls.forEach((url, i) => {
    const where = `url ${i + 1}`;
    const locs = children(url, `${p}loc`);
    if (locs.length !== 1) {
      problems.push(`${where} has ${locs.length} <loc> elements, not one`);
      return;
    }
    const loc = textOf(locs[0]);
    if (!isAbsoluteHttpUrl(loc)) problems.push(`${where} <loc> is not an absolute URL: ${loc}`);
    else if (new URL(loc).host !== options.host) problems.push(`${where} <loc> is on ${new URL(loc).host}, not ${options.host}`);
    if (loc.length >= 2048) problems.push(`${where} <loc> is ${loc.length} characters long (must be under 2,048)`);
    if (seen.has(loc)) problems.push(`${where} repeats ${loc}`);
    seen.add(loc);
    const lastmods = children(url, `${p}lastmod`);
    if (lastmods.length > 1) problems.push(`${where} has more than one <lastmod>`);
    for (const l of lastmods) if (!isW3cDatetime(textOf(l))) problems.push(`${where} <lastmod> is not a W3C Datetime: ${textOf(l)}`);
    for (const c of children(url, `${p}changefreq`)) if (!CHANGEFREQ.includes(textOf(c))) problems.push(`${where} <changefreq> is ${textOf(c)}`);
    for (const pr of children(url, `${p}priority`)) {
      const v = textOf(pr);
      if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(v)) problems.push(`${where} <priority> is not between 0.0 and 1.0: ${v}`);
    }
  });
  problems.push(...rawTextProblems(xml, `${p}loc`));
  return problems;
}

export interface NewsSitemapOptions extends SitemapOptions {
  /** "Now", for the two-day window. */
  now: Date;
}

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

/** A Google News sitemap: a sitemap whose every <url> has news:news with publication (name, language), publication_date and title, from the last two days; ≤ 1,000 items. */
export function checkNewsSitemap(xml: string, options: NewsSitemapOptions): string[] {
  const { problems, urls, root } = sitemapUrls(xml, [NS.news]);
  if (!root) return problems;
  const p = prefixFor(root, NS.sitemap)!;
  const n = prefixFor(root, NS.news);
  if (n === null) return problems;
  if (urls.length > 1000) problems.push(`the news sitemap has ${urls.length} URLs, more than 1,000`);
  // An empty news sitemap is allowed (nothing in the last two days); the sitemap rules still hold.
  if (urls.length > 0) problems.push(...checkSitemap(xml, options));
  urls.forEach((url, i) => {
    const where = `url ${i + 1} (${textOf(children(url, `${p}loc`)[0])})`;
    const news = children(url, `${n}news`);
    if (news.length !== 1) {
      problems.push(`${where} has ${news.length} news:news elements, not one`);
      return;
    }
    const item = news[0]!;
    const publications = children(item, `${n}publication`);
    if (publications.length !== 1) problems.push(`${where} has ${publications.length} news:publication elements, not one`);
    for (const pub of publications) {
      problems.push(...exactlyOne(where, pub, `${n}name`, 'news:name'));
      problems.push(...exactlyOne(where, pub, `${n}language`, 'news:language', { ok: (v) => /^([a-z]{2,3}|zh-cn|zh-tw)$/.test(v), what: 'an ISO 639 language code' }));
    }
    problems.push(...exactlyOne(where, item, `${n}title`, 'news:title'));
    const dates = children(item, `${n}publication_date`);
    problems.push(...exactlyOne(where, item, `${n}publication_date`, 'news:publication_date', { ok: isW3cDatetime, what: 'a W3C Datetime' }));
    if (dates.length === 1 && isW3cDatetime(textOf(dates[0]))) {
      const at = w3cInstant(textOf(dates[0])).getTime();
      if (at < options.now.getTime() - TWO_DAYS_MS) problems.push(`${where} was published more than two days ago (${textOf(dates[0])})`);
      if (at > options.now.getTime() + 60_000) problems.push(`${where} is dated in the future (${textOf(dates[0])})`);
    }
  });
  return problems;
}

// ------------------------------------------------------------------ reading values back

/** The item/entry titles of a feed or news sitemap, decoded (for round-trip checks). */
export function titlesOf(xml: string): string[] {
  const root = rootOf(parseXml(xml));
  if (!root) return [];
  if (root.name === 'rss') return children(children(root.node, 'channel')[0], 'item').flatMap((i) => children(i, 'title').map(textOf));
  const atom = prefixFor(root.node, NS.atom);
  if (atom !== null && root.name === `${atom}feed`) return children(root.node, `${atom}entry`).flatMap((e) => children(e, `${atom}title`).map(textOf));
  const p = prefixFor(root.node, NS.sitemap);
  const n = prefixFor(root.node, NS.news);
  if (p === null || n === null) return [];
  return children(root.node, `${p}url`).flatMap((u) => children(u, `${n}news`).flatMap((x) => children(x, `${n}title`).map(textOf)));
}

/** The <loc> values of a sitemap, decoded. */
export function locsOf(xml: string): string[] {
  const root = rootOf(parseXml(xml));
  const p = root ? prefixFor(root.node, NS.sitemap) : null;
  if (!root || p === null) return [];
  return children(root.node, `${p}url`).flatMap((u) => children(u, `${p}loc`).map(textOf));
}
