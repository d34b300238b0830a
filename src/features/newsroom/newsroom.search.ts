// Full-text search over published and desk items: the stop words, the query (folded with
// the same fold() as the documents, turned into a tsquery we build ourselves, never from
// raw user text), highlighted snippets (pure functions), and the public search use case
// the service exposes as `searchPublished`. The SQL lives in the repository.
// See docs/adr/0003-search.md.
import type { Db } from '../../core/db/index.js';
import { badRequest } from '../../core/errors.js';
import { htmlToPlainText } from '../../core/html/sanitize.js';
import { fold, formatNumber } from '../../core/persian/index.js';
import * as repo from './newsroom.repository.js';
import type { NewsKind } from './newsroom.tables.js';

/**
 * Words too common to search by, in their folded form (fold(w) === w). Migration 0006
 * holds the same list in `shahrnama_search_stop_words()`; a test keeps the two equal.
 * Suffixes that fold() sets apart («ها»، «های»، «ای»…) are here too: they follow every
 * other noun. «تر» is not («پسماند تر»), nor is any word of the municipality's trade.
 */
export const SEARCH_STOP_WORDS: readonly string[] = [
  'و',
  'در',
  'به',
  'از',
  'که',
  'این',
  'ان',
  'را',
  'با',
  'برای',
  'تا',
  'بر',
  'هم',
  'یا',
  'نیز',
  'اما',
  'اگر',
  'هر',
  'چه',
  'چون',
  'پس',
  'نه',
  'است',
  'هست',
  'نیست',
  'بود',
  'شد',
  'شده',
  'شود',
  'میشود',
  'کرد',
  'کرده',
  'کند',
  'میکند',
  'باشد',
  'دارد',
  'خود',
  'یک',
  'وی',
  'او',
  'ها',
  'های',
  'هایی',
  'ای',
  'ام',
  'ات',
  'اش',
  'اند',
  'ترین',
];

const STOP = new Set(SEARCH_STOP_WORDS);

export const SEARCH_LIMITS = {
  /** Longest query accepted (characters, as typed). */
  maxQueryLength: 200,
  /** Terms beyond this are ignored (each one is an AND). */
  maxTerms: 8,
  pageSize: 20,
  /**
   * Ranking looks at the newest this-many matches only (and counts up to it): a word in
   * most items costs the same as a rare one. Beyond it the count reads «بیش از …».
   */
  candidateCap: 100,
  /**
   * The first step walks at most this many of the newest items (40 × the cap): a word in
   * 2.5 % of them or more is ranked from the walk; a rarer one through the GIN index,
   * whose work is then under 2.5 % of the items (ADR 0003, "Two bounded steps").
   */
  walkRows: 4000,
  /** Full text finding fewer than this many items also offers close titles (trigrams). */
  fewResults: 3,
  suggestions: 5,
} as const;

/** The text search configuration of migration 0006 (a copy of `simple`). */
export const SEARCH_CONFIG = 'public.shahrnama_fa';

export interface SearchQuery {
  /** The query as typed, trimmed. */
  raw: string;
  /** Folded terms, stop words dropped, each once, in typed order. */
  terms: string[];
  /** Whether the last term matches as a prefix (it was not followed by a space). */
  lastIsPrefix: boolean;
  /** The tsquery text for to_tsquery(SEARCH_CONFIG, …), or null when there is nothing to search. */
  tsquery: string | null;
  /** The folded terms joined, for trigram similarity on titles (null with no terms). */
  trigramText: string | null;
  /** Something was typed, but only stop words. */
  onlyStopWords: boolean;
}

/** Letters and digits only: what both the documents' vectors and the queries are made of. */
const TERM = /[\p{L}\p{N}]+/gu;

/** Folded search terms of a text (stop words kept), in order. */
export function searchTermsOf(text: string): string[] {
  return fold(text).match(TERM) ?? [];
}

/** A quoted tsquery lexeme: only letters and digits reach here, but quote anyway. */
const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The query a person typed, as terms and a tsquery: every term must appear (AND), and
 * the last one, unless followed by a space, matches as a prefix so a half-typed word
 * still finds. Characters of the tsquery syntax (& | ! : ( ) < > ' *) never reach
 * to_tsquery: terms are runs of letters and digits of the folded text.
 */
export function parseSearchQuery(input: string | null | undefined): SearchQuery {
  const raw = (input ?? '').trim();
  const all = searchTermsOf(raw);
  const terms: string[] = [];
  for (const t of all) if (!STOP.has(t) && !terms.includes(t)) terms.push(t);
  const kept = terms.slice(0, SEARCH_LIMITS.maxTerms);
  const endsInWord = /[\p{L}\p{N}\p{M}]$/u.test(input ?? '');
  const lastTyped = all[all.length - 1];
  const lastIsPrefix = kept.length > 0 && endsInWord && lastTyped === kept[kept.length - 1];
  // A prefix is written «(t | t:*)»: the same matches as «t:*», but PostgreSQL estimates
  // a bare prefix at a fixed 2 % of rows, so «شهرداری:*» in 90 % of items was planned as a
  // GIN bitmap over all of them; with the exact term beside it the estimate comes from the
  // term's statistics and a common word walks the newest items instead (ADR 0003).
  const tsquery =
    kept.length === 0
      ? null
      : kept.map((t, i) => (i === kept.length - 1 && lastIsPrefix ? `(${lexeme(t)} | ${lexeme(t)}:*)` : lexeme(t))).join(' & ');
  return {
    raw,
    terms: kept,
    lastIsPrefix,
    tsquery,
    trigramText: kept.length === 0 ? null : kept.join(' '),
    onlyStopWords: all.length > 0 && kept.length === 0,
  };
}

// ------------------------------------------------------------------ snippets

/** A piece of a snippet: plain text, or a matched word to show in <mark>. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

/** A word as people write it: letters, marks, digits and the half-space inside it. */
const WORD = /[\p{L}\p{M}\p{N}\u200C]+/gu;

export interface SnippetOptions {
  /** Words around the first match (default 30). */
  words?: number;
  /** Words looked at for a match, from the start (default 300): bounds the work per result. */
  scanWords?: number;
}

/**
 * Folded terms of one written word, memoised across searches: fold() segments words
 * against a dictionary (tens of microseconds a word), and news text reuses a small
 * vocabulary. Bounded: the memo starts over past 50,000 words.
 */
const FOLD_MEMO_MAX = 50_000;
const foldMemo = new Map<string, readonly string[]>();
function foldedTermsOf(word: string): readonly string[] {
  let terms = foldMemo.get(word);
  if (terms === undefined) {
    if (foldMemo.size >= FOLD_MEMO_MAX) foldMemo.clear();
    terms = fold(word).match(TERM) ?? [];
    foldMemo.set(word, terms);
  }
  return terms;
}

/**
 * A short piece of the original (unfolded) text around the first match, with every word
 * whose folded form matches a query term marked: equal to a term, or starting with the
 * last term when it is a prefix. Words are folded one by one, so «روابط‌عمومی‌ها» in the
 * text is marked for the query «روابط عمومي ها».
 */
export function buildSnippet(text: string, query: Pick<SearchQuery, 'terms' | 'lastIsPrefix'>, options: SnippetOptions = {}): SnippetPart[] {
  const size = options.words ?? 30;
  const scan = options.scanWords ?? 300;
  const source = text.replace(/\s+/g, ' ').trim();
  if (source === '') return [];
  const exact = new Set(query.terms);
  const prefix = query.lastIsPrefix ? query.terms[query.terms.length - 1] : undefined;
  if (prefix !== undefined) exact.delete(prefix);
  const cache = new Map<string, boolean>();
  const matches = (word: string): boolean => {
    let hit = cache.get(word);
    if (hit === undefined) {
      hit = foldedTermsOf(word).some((p) => exact.has(p) || (prefix !== undefined && p.startsWith(prefix)));
      cache.set(word, hit);
    }
    return hit;
  };

  // Folding is the cost (fold() segments words against a dictionary), so words are folded
  // only while they can still matter: up to `scan` words looking for the first match, then
  // up to the end of the window around it; the rest is only known to exist.
  const words: Array<{ start: number; end: number; hit: boolean }> = [];
  let first = -1;
  let more = false;
  for (const m of source.matchAll(WORD)) {
    const i = words.length;
    if (first < 0 ? i >= Math.max(scan, size) : i >= Math.max(0, first - Math.floor(size / 3)) + size) {
      more = true;
      break;
    }
    const hit = i < scan && query.terms.length > 0 && matches(m[0]);
    if (hit && first < 0) first = i;
    words.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  if (words.length === 0) return [{ text: source.slice(0, 200), mark: false }];

  const from = first < 0 ? 0 : Math.max(0, first - Math.floor(size / 3));
  const to = Math.min(words.length, from + size);
  const startAt = from === 0 ? 0 : words[from]!.start;
  const endAt = to === words.length && !more ? source.length : words[to - 1]!.end;

  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => {
    if (s === '') return;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark && !mark) last.text += s;
    else parts.push({ text: s, mark });
  };
  if (startAt > 0) push('… ', false);
  let pos = startAt;
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    push(source.slice(pos, w.start), false);
    push(source.slice(w.start, w.end), w.hit);
    pos = w.end;
  }
  push(source.slice(pos, endAt), false);
  if (endAt < source.length) push(' …', false);
  return parts;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A snippet as HTML: matched words in <mark>, everything else escaped. */
export function snippetToHtml(parts: readonly SnippetPart[]): string {
  return parts.map((p) => (p.mark ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}

// ------------------------------------------------------------------ the public search

export interface PublishedSearchInput {
  q?: string | null;
  /** A district's id: its items. */
  districtId?: number | null;
  kind?: NewsKind | null;
  /** Published at or after this instant. */
  from?: Date | null;
  /** Published before this instant. */
  to?: Date | null;
  /** 1-based; at most candidateCap / pageSize. */
  page?: number | null;
}

export interface PublishedSearchHit {
  id: number;
  kind: NewsKind;
  slug: string;
  overline: string | null;
  headline: string;
  orgUnitId: number;
  neighbourhoodId: number | null;
  publishedAt: Date;
  /** From the lead and body as written, matched words marked. */
  snippet: SnippetPart[];
}

export interface PublishedSearchSuggestion {
  id: number;
  kind: NewsKind;
  slug: string;
  overline: string | null;
  headline: string;
  orgUnitId: number;
  publishedAt: Date;
}

export interface PublishedSearchResult {
  query: SearchQuery;
  hits: PublishedSearchHit[];
  /** Matches counted up to SEARCH_LIMITS.candidateCap; `totalIsCapped`: there are more. */
  total: number;
  totalIsCapped: boolean;
  page: number;
  hasNext: boolean;
  /** Close titles (trigram similarity) when full text found few or none. */
  suggestions: PublishedSearchSuggestion[];
}

export const SEARCH_MAX_PAGE = Math.ceil(SEARCH_LIMITS.candidateCap / SEARCH_LIMITS.pageSize);

const SEARCH_MSG = {
  tooLong: `عبارت جست‌وجو حداکثر ${formatNumber(SEARCH_LIMITS.maxQueryLength)} نویسه می‌تواند باشد.`,
  badPage: 'شمارهٔ صفحه نامعتبر است.',
} as const;

/** Word similarity a title word needs to be offered for a typo. */
const TYPO_THRESHOLD = 0.5;

/**
 * Published items for a query, ranked, a page at a time, with snippets; with few or no
 * results, close titles too. The caller validates and reports bad input in its own
 * words; this guards again (too long, bad page) with a 400.
 */
export async function searchPublishedNews(db: Db, input: PublishedSearchInput): Promise<PublishedSearchResult> {
  const raw = input.q ?? '';
  if (raw.length > SEARCH_LIMITS.maxQueryLength) throw badRequest(SEARCH_MSG.tooLong);
  const page = input.page ?? 1;
  if (!Number.isInteger(page) || page < 1 || page > SEARCH_MAX_PAGE) throw badRequest(SEARCH_MSG.badPage);
  const query = parseSearchQuery(raw);
  const empty: PublishedSearchResult = { query, hits: [], total: 0, totalIsCapped: false, page, hasNext: false, suggestions: [] };
  if (query.tsquery === null) return empty;

  const filter = {
    tsquery: query.tsquery,
    orgUnitId: input.districtId ?? null,
    kind: input.kind ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
    cap: SEARCH_LIMITS.candidateCap,
    walkRows: SEARCH_LIMITS.walkRows,
  };
  const size = SEARCH_LIMITS.pageSize;
  const { rows, total: counted } = await repo.searchPublished(db, { ...filter, offset: (page - 1) * size, limit: size });
  const totalIsCapped = counted > SEARCH_LIMITS.candidateCap;
  const total = Math.min(counted, SEARCH_LIMITS.candidateCap);
  const hits = rows
    .filter((r) => r.slug !== null)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      slug: r.slug!,
      overline: r.overline,
      headline: r.headline,
      orgUnitId: r.orgUnitId,
      neighbourhoodId: r.neighbourhoodId,
      publishedAt: r.publishedAt,
      snippet: buildSnippet([r.lead ?? '', htmlToPlainText(r.bodyHtml)].join(' '), query),
    }));

  let suggestions: PublishedSearchSuggestion[] = [];
  if (total < SEARCH_LIMITS.fewResults && page === 1 && query.trigramText !== null) {
    const seen = new Set(hits.map((h) => h.id));
    const similar = await repo.similarTitles(db, {
      text: query.trigramText,
      threshold: TYPO_THRESHOLD,
      orgUnitId: filter.orgUnitId,
      kind: filter.kind,
      from: filter.from,
      to: filter.to,
      limit: SEARCH_LIMITS.suggestions + seen.size,
    });
    suggestions = similar
      .filter((r) => r.slug !== null && !seen.has(r.id))
      .slice(0, SEARCH_LIMITS.suggestions)
      .map((r) => ({ id: r.id, kind: r.kind, slug: r.slug!, overline: r.overline, headline: r.headline, orgUnitId: r.orgUnitId, publishedAt: r.publishedAt }));
  }
  return { query, hits, total, totalIsCapped, page, hasNext: page * size < total, suggestions };
}
