// Full-text search (ADR 0003): the query and snippet helpers alone, then the public search
// and the staff lists on a real PostgreSQL with migration 0006 (vector, stop words, trigrams).
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock, type Clock } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { fold } from '../../core/persian/index.js';
import { createOrgService, type OrgUnit } from '../org/index.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-db.js';
import { createUserWithRole, ensureRegion } from '../../../test/helpers/login.js';
import type { NewsInput } from './newsroom.inputs.js';
import {
  SEARCH_LIMITS,
  SEARCH_STOP_WORDS,
  buildSnippet,
  parseSearchQuery,
  snippetToHtml,
  type PublishedSearchInput,
} from './newsroom.search.js';
import { createNewsroomService, type NewsroomService } from './newsroom.service.js';
import { newsItems } from './newsroom.tables.js';
import type { NewsActor, NewsItem } from './newsroom.types.js';

describe('search query', () => {
  it('folds every spelling of a phrase to the same terms and drops stop words', () => {
    const a = parseSearchQuery('روابط عمومی ها');
    const b = parseSearchQuery('روابط‌عمومی‌ها');
    const c = parseSearchQuery('روابط عمومي‌ها');
    expect(a.terms).toEqual(['روابط', 'عمومی']);
    expect(b.terms).toEqual(a.terms);
    expect(c.terms).toEqual(a.terms);
    expect(parseSearchQuery('۱۴۰۳').terms).toEqual(['1403']);
  });

  it('makes the last term a prefix unless a space follows it', () => {
    expect(parseSearchQuery('بوستان شهر').tsquery).toBe("'بوستان' & ('شهر' | 'شهر':*)");
    expect(parseSearchQuery('بوستان شهر ').tsquery).toBe("'بوستان' & 'شهر'");
  });

  it('keeps tsquery syntax out of the query: only letters and digits become terms', () => {
    const q = parseSearchQuery("a & b | !c:* (d) <-> 'e' \\ f");
    expect(q.terms).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(q.tsquery).toBe("'a' & 'b' & 'c' & 'd' & 'e' & ('f' | 'f':*)");
  });

  it('reports stop words alone and empty input as nothing to search', () => {
    expect(parseSearchQuery('و در به')).toMatchObject({ tsquery: null, onlyStopWords: true });
    expect(parseSearchQuery('   ')).toMatchObject({ tsquery: null, onlyStopWords: false, terms: [] });
    expect(parseSearchQuery(null)).toMatchObject({ tsquery: null, onlyStopWords: false });
  });

  it('keeps the stop words in folded form', () => {
    for (const w of SEARCH_STOP_WORDS) expect(fold(w)).toBe(w);
    expect(new Set(SEARCH_STOP_WORDS).size).toBe(SEARCH_STOP_WORDS.length);
  });
});

describe('snippets', () => {
  it('marks the words whose folded form matches, in the text as written', () => {
    const parts = buildSnippet('نشست روابط‌عمومی‌ها در سال ۱۴۰۳ برگزار شد.', parseSearchQuery('روابط عمومي ها 1403'));
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['روابط‌عمومی‌ها', '۱۴۰۳']);
    expect(parts.map((p) => p.text).join('')).toBe('نشست روابط‌عمومی‌ها در سال ۱۴۰۳ برگزار شد.');
  });

  it('marks a prefix match of the last term only', () => {
    const parts = buildSnippet('بوستان‌ها و بوس شهر', parseSearchQuery('بوس'));
    expect(parts.filter((p) => p.mark).map((p) => p.text)).toEqual(['بوستان‌ها', 'بوس']);
  });

  it('escapes everything but the marks it adds', () => {
    const html = snippetToHtml(buildSnippet('<script>alert("x")</script> & بوستان <b>نو</b>', parseSearchQuery('بوستان ')));
    expect(html).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>بوستان</mark> &lt;b&gt;نو&lt;/b&gt;');
    expect(snippetToHtml([{ text: '<img src=x onerror=alert(1)>', mark: true }])).toBe('<mark>&lt;img src=x onerror=alert(1)&gt;</mark>');
  });

  it('cuts a long text around the first match', () => {
    const filler = Array.from({ length: 100 }, (_, i) => `واژه${i}`).join(' ');
    const parts = buildSnippet(`${filler} زباله‌سوز ${filler}`, parseSearchQuery('زباله سوز'), { words: 10 });
    const text = parts.map((p) => p.text).join('');
    expect(text.startsWith('… ')).toBe(true);
    expect(text.endsWith(' …')).toBe(true);
    expect(parts.some((p) => p.mark && p.text === 'زباله‌سوز')).toBe(true);
    expect(text.split(' ').length).toBeLessThan(15);
  });
});

// ------------------------------------------------------------------ on PostgreSQL

let t: TestDatabase;
let svc: NewsroomService;
let clock: Clock & { advanceMinutes(m: number): void };
let d1: OrgUnit;
let d3: OrgUnit;
let n3: OrgUnit;
let reporter: NewsActor;
let editor: NewsActor;

function input(over: Partial<NewsInput> = {}): NewsInput {
  return {
    kind: 'news',
    overline: '',
    headline: 'خبر',
    lead: 'لید خبر.',
    body: '<p>متن خبر.</p>',
    sourceLine: '',
    orgUnitId: String(d3.id),
    neighbourhoodId: '',
    serviceAreas: [],
    occurredDate: '',
    occurredTime: '',
    ...over,
  };
}

async function published(over: Partial<NewsInput> = {}): Promise<NewsItem> {
  let item = await svc.createDraft(reporter, input(over));
  item = await svc.act(reporter, item.id, 'submit', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'approve', { expectedVersion: item.version });
  item = await svc.act(editor, item.id, 'publish', { expectedVersion: item.version });
  clock.advanceMinutes(10);
  return item;
}

async function search(input: PublishedSearchInput) {
  return svc.searchPublished(input);
}
const ids = (r: { hits: Array<{ id: number }> }) => r.hits.map((h) => h.id);

let pr: NewsItem;
let prJoined: NewsItem;
let prArabic: NewsItem;
let year: NewsItem;
let yearPersian: NewsItem;
let titleHit: NewsItem;
let bodyHit: NewsItem;
let park1: NewsItem;
let notice3: NewsItem;
let killed: NewsItem;
let unpublished: NewsItem;
let draft: NewsItem;

beforeAll(async () => {
  t = await createTestDatabase();
  let now = new Date('2026-10-01T06:30:00Z').getTime();
  clock = { now: () => new Date(now), advanceMinutes: (m: number) => void (now += m * 60_000) };
  const org = createOrgService({ db: t.db, clock: systemClock });
  const sys = { userId: null, label: 'test' };
  const region = await ensureRegion(t);
  d1 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'S-D1', name: 'ناحیه ۱' }, sys);
  d3 = await org.createUnit({ kind: 'district', parentId: region.id, code: 'S-D3', name: 'ناحیه ۳' }, sys);
  n3 = await org.createUnit({ kind: 'neighbourhood', parentId: d3.id, code: 'S-D3-N1', name: 'وردآورد' }, sys);
  svc = createNewsroomService({ db: t.db, clock, org });
  const r = await createUserWithRole(t, 'reporter', { orgUnitId: region.id }, { username: 'search-reporter' });
  const e = await createUserWithRole(t, 'pr_editor', { orgUnitId: region.id }, { username: 'search-editor' });
  const toActor = (u: typeof r.user): NewsActor => ({
    id: u.id,
    username: u.username,
    memberships: u.memberships.map((m) => ({ role: m.role, orgUnitId: m.orgUnitId, departmentId: m.departmentId })),
  });
  reporter = toActor(r.user);
  editor = toActor(e.user);

  pr = await published({ headline: 'نشست روابط عمومی ها', lead: 'هماهنگی خبری نواحی.' });
  prJoined = await published({ headline: 'گزارش هفتگی', lead: 'کارگاه آموزشی روابط‌عمومی‌ها برگزار شد.' });
  prArabic = await published({ headline: 'برنامهٔ ماهانه', body: '<p>دیدار با روابط عمومي‌ها و خبرنگاران.</p>' });
  year = await published({ headline: 'بودجهٔ سال 1403 تصویب شد' });
  yearPersian = await published({ headline: 'گزارش عملکرد', lead: 'کارهای انجام‌شده در سال ۱۴۰۳.' });
  bodyHit = await published({ headline: 'گزارش فضای سبز', body: '<p>درختکاری در کنار آبشار تهران انجام شد.</p>' });
  titleHit = await published({ headline: 'آبشار تهران بازسازی می‌شود', lead: 'کار از هفتهٔ آینده آغاز می‌شود.' });
  park1 = await published({ headline: 'بازگشایی بوستان وحدت', orgUnitId: String(d1.id) });
  notice3 = await published({ headline: 'اطلاعیهٔ قطعی آب بوستان', kind: 'notice', orgUnitId: String(d3.id), neighbourhoodId: String(n3.id) });
  killed = await published({ headline: 'خبر لغوشدهٔ کتابخانه' });
  killed = await svc.act(editor, killed.id, 'kill', { expectedVersion: killed.version, note: 'نادرست بود.' });
  unpublished = await published({ headline: 'خبر برداشته‌شدهٔ کتابخانه' });
  unpublished = await svc.act(editor, unpublished.id, 'unpublish', { expectedVersion: unpublished.version, note: 'موقت' });
  draft = await svc.createDraft(reporter, input({ headline: 'پیش‌نویس کتابخانه' }));
});

describe('search storage (migration 0006)', () => {
  it('holds the same stop words in SQL as in TypeScript', async () => {
    const r = await t.db.execute<{ words: string[] }>(sql`select public.shahrnama_search_stop_words() as words`);
    expect([...r.rows[0]!.words].sort()).toEqual([...SEARCH_STOP_WORDS].sort());
  });

  it('fills the folded title on save and indexes title and text with the stop words removed', async () => {
    const [row] = await t.db
      .select({ title: newsItems.searchTitle, vector: sql<string>`${newsItems.searchVector}::text` })
      .from(newsItems)
      .where(eq(newsItems.id, pr.id));
    expect(row!.title).toBe(fold('نشست روابط عمومی ها'));
    expect(row!.vector).toContain("'روابط':2A");
    expect(row!.vector).not.toMatch(/'ها'/);
  });
});

describe('public search', () => {
  it('finds «روابط‌عمومی‌ها» however it is written, both ways', async () => {
    const all = [pr.id, prJoined.id, prArabic.id].sort();
    for (const q of ['روابط عمومی ها', 'روابط‌عمومی‌ها', 'روابط عمومي‌ها']) {
      expect(ids(await search({ q })).sort(), q).toEqual(all);
    }
  });

  it('finds «۱۴۰۳» and «1403» alike', async () => {
    const both = [year.id, yearPersian.id].sort();
    expect(ids(await search({ q: '۱۴۰۳' })).sort()).toEqual(both);
    expect(ids(await search({ q: '1403' })).sort()).toEqual(both);
  });

  it('finds a half-typed last word', async () => {
    expect(ids(await search({ q: 'کارگا' }))).toEqual([prJoined.id]);
  });

  it('ranks a headline match above a body-only match', async () => {
    const r = await search({ q: 'آبشار تهران' });
    expect(ids(r)).toEqual([titleHit.id, bodyHit.id]);
    expect(r.total).toBe(2);
    expect(r.totalIsCapped).toBe(false);
  });

  it('gives snippets from the text as written, with the match marked', async () => {
    const r = await search({ q: 'روابط‌عمومی‌ها' });
    const hit = r.hits.find((h) => h.id === prArabic.id)!;
    expect(hit.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual(['روابط', 'عمومي‌ها']);
  });

  it('filters by district, kind and date range', async () => {
    expect(ids(await search({ q: 'بوستان' })).sort()).toEqual([park1.id, notice3.id].sort());
    expect(ids(await search({ q: 'بوستان', districtId: d1.id }))).toEqual([park1.id]);
    // The neighbourhood's item belongs to its district.
    expect(ids(await search({ q: 'بوستان', districtId: d3.id }))).toEqual([notice3.id]);
    expect(ids(await search({ q: 'بوستان', kind: 'notice' }))).toEqual([notice3.id]);
    expect(ids(await search({ q: 'بوستان', from: notice3.publishedAt! }))).toEqual([notice3.id]);
    expect(ids(await search({ q: 'بوستان', to: notice3.publishedAt! }))).toEqual([park1.id]);
  });

  it('offers close titles for a typo, through trigrams', async () => {
    const r = await search({ q: 'کتابخانه', districtId: null });
    expect(r.hits).toEqual([]);
    const typo = await search({ q: 'بوستن وحدت' });
    expect(typo.hits).toEqual([]);
    expect(typo.suggestions.map((s) => s.id)).toContain(park1.id);
  });

  it('never shows drafts, killed or unpublished items, not even as suggestions', async () => {
    for (const q of ['کتابخانه', 'کتابخانه ', 'کتابخانا', 'لغوشده']) {
      const r = await search({ q });
      expect(r.hits, q).toEqual([]);
      const shown = r.suggestions.map((s) => s.id);
      for (const id of [killed.id, unpublished.id, draft.id]) expect(shown).not.toContain(id);
    }
  });

  it('answers empty, stop-word-only and syntax-laden queries without an error', async () => {
    expect(await search({ q: '' })).toMatchObject({ hits: [], total: 0 });
    expect(await search({ q: 'و از به' })).toMatchObject({ hits: [], total: 0, query: { onlyStopWords: true } });
    for (const q of ["&|!:()<>'*\\", '<script>alert(1)</script>', "بوستان') | ('", 'a:* & !b']) {
      await expect(search({ q })).resolves.toBeDefined();
    }
  });

  it('refuses a too long query and a bad page with a Persian 400', async () => {
    const err = await search({ q: 'ب'.repeat(SEARCH_LIMITS.maxQueryLength + 1) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toMatch(/نویسه/);
    const page = await search({ q: 'بوستان', page: 0 }).catch((e: unknown) => e);
    expect((page as AppError).status).toBe(400);
  });

  it('pages by 20 and counts matches', async () => {
    for (let i = 0; i < 21; i++) await published({ headline: `گزارش شماره ${i} از پسماند` });
    const first = await search({ q: 'پسماند' });
    expect(first.hits).toHaveLength(20);
    expect(first).toMatchObject({ total: 21, hasNext: true, page: 1 });
    const second = await search({ q: 'پسماند', page: 2 });
    expect(second.hits).toHaveLength(1);
    expect(second.hasNext).toBe(false);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(21);
    expect(await search({ q: 'پسماند', page: 5 })).toMatchObject({ hits: [], total: 21 });
  });
});

describe('a word in more items than the cap', () => {
  it('ranks and counts only the newest matches and says there are more', async () => {
    // Rows written directly: 1,005 published items are too many to publish one by one.
    await t.db.execute(sql`
      insert into news_items (kind, state, headline, org_unit_id, author_id, slug, published_at, first_published_at, search_title, search_text)
      select 'news', 'published', 'انبوه ' || g, ${d1.id}, ${reporter.id}, 'anbooh-' || g,
        now() - make_interval(mins => g), now() - make_interval(mins => g), 'انبوه ' || g, 'انبوه ' || g
      from generate_series(1, ${SEARCH_LIMITS.candidateCap + 5}) g`);
    const r = await search({ q: 'انبوه ' });
    expect(r.total).toBe(SEARCH_LIMITS.candidateCap);
    expect(r.totalIsCapped).toBe(true);
    expect(r.hits).toHaveLength(SEARCH_LIMITS.pageSize);
    expect(r.hasNext).toBe(true);
    const last = await search({ q: 'انبوه ', page: SEARCH_LIMITS.candidateCap / SEARCH_LIMITS.pageSize });
    expect(last.hits).toHaveLength(SEARCH_LIMITS.pageSize);
    expect(last.hasNext).toBe(false);
    // The oldest matches are beyond the cap: reached only by narrowing (a date range).
    const oldest = await search({ q: 'انبوه ', to: new Date(Date.now() - (SEARCH_LIMITS.candidateCap + 1) * 60_000) });
    expect(oldest.totalIsCapped).toBe(false);
    expect(oldest.total).toBeGreaterThanOrEqual(1);
    expect(oldest.total).toBeLessThanOrEqual(5);
  });
});

describe('staff lists use the same search', () => {
  it('the desk inbox and «my items» match every spelling, with their own order', async () => {
    let a = await svc.createDraft(reporter, input({ headline: 'جلسهٔ روابط‌عمومی‌ها' }));
    a = await svc.act(reporter, a.id, 'submit', { expectedVersion: a.version });
    clock.advanceMinutes(1);
    let b = await svc.createDraft(reporter, input({ headline: 'جلسهٔ دیگر', lead: 'با روابط عمومي ها.' }));
    b = await svc.act(reporter, b.id, 'submit', { expectedVersion: b.version });
    clock.advanceMinutes(1);
    let other = await svc.createDraft(reporter, input({ headline: 'جلسهٔ شورا' }));
    other = await svc.act(reporter, other.id, 'submit', { expectedVersion: other.version });

    for (const q of ['روابط عمومی ها', 'روابط‌عمومی‌ها', 'روابط عمومي‌ها']) {
      const inbox = await svc.inbox(editor, { q });
      expect(inbox.items.map((i) => i.id), q).toEqual([b.id, a.id]);
    }
    // Keyset pages still work with a query.
    const p1 = await svc.inbox(editor, { q: 'جلسه' }, { limit: 2 });
    expect(p1.items.map((i) => i.id)).toEqual([other.id, b.id]);
    const p2 = await svc.inbox(editor, { q: 'جلسه' }, { limit: 2, after: p1.next });
    expect(p2.items.map((i) => i.id)).toEqual([a.id]);
    // Stop words alone do not filter; syntax characters are no error.
    expect((await svc.inbox(editor, { q: 'و' })).items.length).toBeGreaterThanOrEqual(3);
    await expect(svc.inbox(editor, { q: "&|!:(')" })).resolves.toBeDefined();

    const mine = await svc.myItems(reporter, { q: 'روابط‌عمومی‌ها' });
    expect(mine.items.map((i) => i.id)).toEqual(expect.arrayContaining([a.id, b.id, pr.id, prJoined.id, prArabic.id]));
    expect(mine.items.map((i) => i.id)).not.toContain(other.id);
  });
});
