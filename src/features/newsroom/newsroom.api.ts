// The newsroom's JSON API under /api/v1 (issue point 9): list, read, create, update,
// transitions and notes, for integrations with a personal API token (or a signed-in
// browser with its CSRF token). The handlers call the same service methods as the pages,
// so the same rules, scopes and permissions apply; an item outside the user's sight is a
// 404. Requests and responses are Zod schemas (strict: unknown fields are a 422), which
// also make the OpenAPI document at /api/docs.
//
// The JSON shapes mirror the item as it is read: `bodyHtml` and an ISO `occurredAt` go in
// as they come out, so a client can GET an item, change a field and PUT it back with its
// `version`. The service takes form-shaped input (a Jalali date and a Tehran time); the
// conversion is here, and the service's field errors are renamed to the API's fields.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, isAppError, unauthenticated, validationFailed } from '../../core/errors.js';
import { numberField } from '../../core/http/forms.js';
import { API_PREFIX, apiDateTime, apiErrorSchema, apiErrors, useZodApi } from '../../core/http/openapi.js';
import { TEHRAN_TIME_ZONE, dateToJalali, toPersianDigits } from '../../core/persian/index.js';
import type { NewsInput } from './newsroom.inputs.js';
import { NEWS_LIMITS } from './newsroom.inputs.js';
import { isEditor } from './newsroom.policy.js';
import { NewsConflictError, type NewsroomService } from './newsroom.service.js';
import { NEWS_KINDS, NEWS_KIND_LABELS, SERVICE_AREAS } from './newsroom.tables.js';
import type { NewsActor, NewsItem, NewsItemView, NewsListItem, NewsNote } from './newsroom.types.js';
import { NEWS_ACTION_LABELS, NEWS_STATES, NEWS_TRANSITION_ACTIONS } from './newsroom.workflow.js';

export interface NewsroomApiOptions {
  newsroom: NewsroomService;
}

const MSG = {
  deskOnlyFilter: 'این فیلتر فقط در فهرست میز خبر (scope=desk) به کار می‌رود؛ در فهرست خبرهای خودتان (scope=mine) فقط state و q هست.',
  badCursor: 'نشانی صفحه (after) نامعتبر است؛ از صفحهٔ اول شروع کنید و مقدار next پاسخ را بفرستید.',
  idempotencyKey: 'سرآیند Idempotency-Key باید ۱۶ تا ۱۲۸ نویسه از حروف لاتین، رقم، خط تیره یا زیرخط باشد.',
  dateTime: (label: string) => `«${label}» باید زمانی به قالب ISO 8601 با منطقهٔ زمانی باشد، مانند 2026-12-01T10:30:00+03:30.`,
  text: (label: string) => `«${label}» باید متن باشد.`,
  textOrNull: (label: string) => `«${label}» باید متن یا null باشد.`,
  id: (label: string) => `«${label}» باید شناسهٔ عددی (عدد صحیح مثبت) باشد.`,
  choice: (label: string, options: readonly string[]) => `«${label}» باید یکی از این مقدارها باشد: ${options.join('، ')}.`,
} as const;

// ---------------------------------------------------------------- request schemas

const text = (label: string) => z.string({ error: MSG.text(label) });
const textOrNull = (label: string) => z.string({ error: MSG.textOrNull(label) }).nullable().optional();
/** Ids are PostgreSQL integers: a larger number names nothing (and must not reach the query). */
const MAX_ID = 2_147_483_647;
const id = (label: string) =>
  z.number({ error: MSG.id(label) }).int({ error: MSG.id(label) }).positive({ error: MSG.id(label) }).max(MAX_ID, { error: MSG.id(label) });
const dateTime = (label: string) => z.iso.datetime({ offset: true, error: MSG.dateTime(label) });
const choice = <const T extends readonly [string, ...string[]]>(label: string, options: T) =>
  z.enum(options, { error: MSG.choice(label, options) });
const version = z
  .number({ error: '«نسخه» باید عدد صحیح باشد (نسخه‌ای که خوانده‌اید).' })
  .int({ error: '«نسخه» باید عدد صحیح باشد.' })
  .positive({ error: '«نسخه» باید عدد صحیح مثبت باشد.' })
  .describe('نسخه‌ای از خبر که خوانده‌اید؛ اگر خبر در این میان تغییر کرده باشد پاسخ 409 است و هیچ چیز نوشته نمی‌شود.');

/** The editable fields, as an item is read (null or absent: none). Edits replace them all. */
const newsFields = {
  kind: choice('نوع خبر', NEWS_KINDS).describe(`نوع خبر: ${NEWS_KINDS.map((k) => `${k} (${NEWS_KIND_LABELS[k]})`).join('، ')}`),
  overline: textOrNull('روتیتر').describe(`روتیتر، حداکثر ${NEWS_LIMITS.overline} نویسه`),
  headline: text('تیتر').describe(`تیتر، حداکثر ${NEWS_LIMITS.headline} نویسه`),
  lead: textOrNull('لید').describe(`لید، حداکثر ${NEWS_LIMITS.lead} نویسه (برای ارسال به دبیر لازم است)`),
  bodyHtml: textOrNull('متن خبر').describe('متن خبر به HTML؛ سرور آن را با فهرست مجاز برچسب‌ها پاک‌سازی می‌کند'),
  sourceLine: textOrNull('منبع').describe(`منبع، حداکثر ${NEWS_LIMITS.sourceLine} نویسه`),
  orgUnitId: id('ناحیه').describe('ناحیه یا کل منطقه (شناسهٔ واحد سازمانی)؛ نویسنده فقط در حوزهٔ خود'),
  neighbourhoodId: id('محله').nullable().optional().describe('محله‌ای از همان ناحیه'),
  departmentId: id('معاونت یا اداره').nullable().optional().describe('معاونت یا ادارهٔ منطقه یا همان ناحیه'),
  serviceAreas: z
    .array(choice('حوزهٔ خدمات', SERVICE_AREAS), { error: '«حوزهٔ خدمات» باید فهرستی از کلیدها باشد.' })
    .optional()
    .describe('حوزه‌های خدمات'),
  occurredAt: dateTime('زمان رویداد').nullable().optional().describe('زمان رویداد (حداکثر یک روز پس از اکنون)'),
};

const newsCreateBody = z.strictObject(newsFields).meta({ id: 'NewsCreate' });
const newsUpdateBody = z
  .strictObject({
    ...newsFields,
    version,
    correctionNote: textOrNull('متن اصلاحیه').describe('برای خبر منتشرشده: متن اصلاحیه‌ای که خوانندگان می‌بینند (بدون آن، ویرایش اصلاح ساده است)'),
  })
  .meta({ id: 'NewsUpdate' });

const transitionBody = z
  .strictObject({
    action: choice('کار', NEWS_TRANSITION_ACTIONS).describe(
      `کار گردش کار: ${NEWS_TRANSITION_ACTIONS.map((a) => `${a} (${NEWS_ACTION_LABELS[a]})`).join('، ')}`,
    ),
    note: textOrNull('یادداشت').describe('برای request_changes، correct و kill لازم است'),
    at: dateTime('زمان انتشار').nullable().optional().describe('برای schedule و embargo لازم است: زمانی در آینده'),
    version,
  })
  .meta({ id: 'NewsTransitionRequest' });

const noteBody = z.strictObject({ body: text('یادداشت').describe(`متن یادداشت، حداکثر ${NEWS_LIMITS.note} نویسه؛ ‎@نام‌کاربری را باخبر می‌کند`) });

const SCOPES = ['mine', 'desk'] as const;
/** Query values are strings: digits (Persian and Arabic-Indic too), never true/null. */
const queryInt = (label: string, min: number, max: number) => numberField({ label, integer: true, min, max, optional: true });

/** The service's cursor shape (instant_id), with an id PostgreSQL can hold; anything else names no page. */
function isCursor(v: string): boolean {
  const m = /^\d{1,15}_(\d{1,10})$/.exec(v);
  return m !== null && Number(m[1]) <= MAX_ID;
}

const listQuery = z.strictObject({
  scope: choice('فهرست', SCOPES)
    .optional()
    .describe('mine: خبرهای خودتان (پیش‌فرض برای نویسندگان)؛ desk: میز خبر، فقط دبیران (پیش‌فرض برای دبیران)'),
  state: choice('وضعیت', NEWS_STATES).optional().describe('یک وضعیت؛ در میز خبر پیش‌فرض خبرهای در جریان است'),
  kind: choice('نوع خبر', NEWS_KINDS).optional().describe('فقط desk'),
  district: queryInt('ناحیه', 1, MAX_ID).describe('فقط desk: ناحیه، محله یا منطقه'),
  department: queryInt('معاونت یا اداره', 1, MAX_ID).describe('فقط desk'),
  older_than_minutes: queryInt('قدیمی‌تر از (دقیقه)', 0, 525_600).describe('فقط desk: آخرین ارسال دست‌کم این تعداد دقیقه پیش'),
  q: z.string({ error: MSG.text('جست‌وجو') }).max(200, { error: '«جست‌وجو» حداکثر ۲۰۰ نویسه می‌تواند باشد.' }).optional().describe('جست‌وجو در تیتر، لید و متن'),
  after: z
    .string({ error: MSG.badCursor })
    .refine((v) => v === '' || isCursor(v), { error: MSG.badCursor })
    .optional()
    .describe('مقدار next صفحهٔ قبل (با همان فیلترها)؛ خالی یا نفرستاده: صفحهٔ اول'),
  limit: queryInt('تعداد', 1, 100).describe('۱ تا ۱۰۰؛ پیش‌فرض ۲۵'),
});

const idParams = z.strictObject({
  id: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number)
    .refine((n) => n <= MAX_ID)
    .describe('شناسهٔ خبر'),
});

/** Routes that take no query parameters say so: an unknown one is a 422, like an unknown field. */
const noQuery = z.strictObject({});

/** An optional Idempotency-Key header: a repeat with the same key does the work once and answers the same. */
const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string({ error: MSG.idempotencyKey })
    .regex(/^[A-Za-z0-9_-]{16,128}$/, { error: MSG.idempotencyKey })
    .optional()
    .describe('کلید یکتای درخواست (۱۶ تا ۱۲۸ نویسه)؛ تکرار درخواست با همان کلید کار را دوباره انجام نمی‌دهد و همان پاسخ را می‌گیرد'),
});

// ---------------------------------------------------------------- response schemas

const nullableDate = apiDateTime.nullable();
const stateEnum = z.enum(NEWS_STATES);

const newsItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(NEWS_KINDS),
    state: stateEnum,
    overline: z.string().nullable(),
    headline: z.string(),
    lead: z.string().nullable(),
    bodyHtml: z.string(),
    sourceLine: z.string().nullable(),
    orgUnitId: z.number().int(),
    neighbourhoodId: z.number().int().nullable(),
    departmentId: z.number().int().nullable(),
    serviceAreas: z.array(z.enum(SERVICE_AREAS)),
    occurredAt: nullableDate,
    slug: z.string().nullable(),
    authorId: z.number().int(),
    version: z.number().int(),
    createdAt: apiDateTime,
    updatedAt: apiDateTime,
    firstSubmittedAt: nullableDate,
    lastSubmittedAt: nullableDate,
    firstApprovedAt: nullableDate,
    firstPublishedAt: nullableDate,
    publishedAt: nullableDate,
    scheduledFor: nullableDate,
    embargoUntil: nullableDate,
    correctionNote: z.string().nullable(),
    correctedAt: nullableDate,
    killReason: z.string().nullable(),
    spikedFromState: stateEnum.nullable(),
  })
  .meta({ id: 'NewsItem' });

const ms = z.number().nullable();
const newsItemViewSchema = z
  .object({
    item: newsItemSchema,
    author: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }),
    actions: z.array(z.enum(NEWS_TRANSITION_ACTIONS)).describe('کارهایی که این کاربر اکنون می‌تواند انجام دهد'),
    canEdit: z.boolean(),
    canNote: z.boolean(),
    dueAt: nullableDate.describe('زمان انتشار خبر زمان‌بندی‌شده'),
    timeliness: z
      .object({
        occurredToCreatedMs: ms,
        createdToSubmittedMs: ms,
        submittedToApprovedMs: ms,
        approvedToPublishedMs: ms,
        submittedToPublishedMs: ms,
      })
      .describe('مدت هر گام به میلی‌ثانیه؛ null برای گامی که هنوز رخ نداده است'),
  })
  .meta({ id: 'NewsItemView' });

const newsListItemSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(NEWS_KINDS),
    state: stateEnum,
    overline: z.string().nullable(),
    headline: z.string(),
    orgUnitId: z.number().int(),
    neighbourhoodId: z.number().int().nullable(),
    departmentId: z.number().int().nullable(),
    serviceAreas: z.array(z.enum(SERVICE_AREAS)),
    authorId: z.number().int(),
    authorDisplayName: z.string(),
    version: z.number().int(),
    createdAt: apiDateTime,
    updatedAt: apiDateTime,
    occurredAt: nullableDate,
    firstSubmittedAt: nullableDate,
    lastSubmittedAt: nullableDate,
    publishedAt: nullableDate,
    dueAt: nullableDate,
    slug: z.string().nullable(),
    waitMinutes: z.number().int().nullable(),
    overdue: z.boolean(),
  })
  .meta({ id: 'NewsListItem' });

const newsPageSchema = z
  .object({
    scope: z.enum(SCOPES),
    items: z.array(newsListItemSchema),
    next: z.string().nullable().describe('نشانی صفحهٔ بعد (برای after)، یا null در صفحهٔ آخر'),
    targetMinutes: z.number().int().nullable().describe('هدف زمان انتشار میز خبر (فقط desk)'),
  })
  .meta({ id: 'NewsPage' });

const newsNoteSchema = z
  .object({
    id: z.number().int(),
    newsId: z.number().int(),
    authorId: z.number().int(),
    authorUsername: z.string(),
    authorDisplayName: z.string(),
    body: z.string(),
    mentions: z.array(z.number().int()),
    createdAt: apiDateTime,
  })
  .meta({ id: 'NewsNote' });

const newsConflictSchema = z
  .object({
    error: apiErrorSchema.shape.error.extend({
      current: newsItemSchema.optional().describe('خبر همان‌گونه که اکنون هست (در تداخل نسخه)'),
    }),
  })
  .meta({ id: 'NewsConflict' });

// ---------------------------------------------------------------- mapping

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function itemDto(i: NewsItem): z.output<typeof newsItemSchema> {
  return {
    id: i.id,
    kind: i.kind,
    state: i.state,
    overline: i.overline,
    headline: i.headline,
    lead: i.lead,
    bodyHtml: i.bodyHtml,
    sourceLine: i.sourceLine,
    orgUnitId: i.orgUnitId,
    neighbourhoodId: i.neighbourhoodId,
    departmentId: i.departmentId,
    serviceAreas: [...i.serviceAreas],
    occurredAt: iso(i.occurredAt),
    slug: i.slug,
    authorId: i.authorId,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
    firstSubmittedAt: iso(i.firstSubmittedAt),
    lastSubmittedAt: iso(i.lastSubmittedAt),
    firstApprovedAt: iso(i.firstApprovedAt),
    firstPublishedAt: iso(i.firstPublishedAt),
    publishedAt: iso(i.publishedAt),
    scheduledFor: iso(i.scheduledFor),
    embargoUntil: iso(i.embargoUntil),
    correctionNote: i.correctionNote,
    correctedAt: iso(i.correctedAt),
    killReason: i.killReason,
    spikedFromState: i.spikedFromState,
  };
}

function viewDto(v: NewsItemView): z.output<typeof newsItemViewSchema> {
  return {
    item: itemDto(v.item),
    author: { ...v.author },
    actions: [...v.actions],
    canEdit: v.canEdit,
    canNote: v.canNote,
    dueAt: iso(v.dueAt),
    timeliness: { ...v.timeliness },
  };
}

function listItemDto(r: NewsListItem): z.output<typeof newsListItemSchema> {
  return {
    ...r,
    serviceAreas: [...r.serviceAreas],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    occurredAt: iso(r.occurredAt),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    lastSubmittedAt: iso(r.lastSubmittedAt),
    publishedAt: iso(r.publishedAt),
    dueAt: iso(r.dueAt),
  };
}

function noteDto(n: NewsNote): z.output<typeof newsNoteSchema> {
  return { ...n, mentions: [...n.mentions], createdAt: n.createdAt.toISOString() };
}

const tehranClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TEHRAN_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the form's Jalali date and Tehran wall-clock time (to the second). */
function toJalaliFields(at: Date): { occurredDate: string; occurredTime: string } {
  const j = dateToJalali(at);
  const p: Record<string, string> = {};
  for (const part of tehranClock.formatToParts(at)) p[part.type] = part.value;
  return { occurredDate: `${j.jy}/${j.jm}/${j.jd}`, occurredTime: `${p.hour}:${p.minute}:${p.second}` };
}

type NewsFields = z.output<typeof newsCreateBody>;

/** The API's fields as the service's (form-shaped) input; null and absent both mean "none". */
function toNewsInput(b: NewsFields): NewsInput {
  const input: NewsInput = { kind: b.kind, headline: b.headline, orgUnitId: b.orgUnitId };
  if (b.overline != null) input.overline = b.overline;
  if (b.lead != null) input.lead = b.lead;
  if (b.bodyHtml != null) input.body = b.bodyHtml;
  if (b.sourceLine != null) input.sourceLine = b.sourceLine;
  if (b.neighbourhoodId != null) input.neighbourhoodId = b.neighbourhoodId;
  if (b.departmentId != null) input.departmentId = b.departmentId;
  if (b.serviceAreas !== undefined) input.serviceAreas = [...b.serviceAreas];
  if (b.occurredAt != null) Object.assign(input, toJalaliFields(new Date(b.occurredAt)));
  return input;
}

/** The service names fields as the forms do; the API answers with its own names. */
const FIELD_NAMES: Record<string, string> = { body: 'bodyHtml', occurredDate: 'occurredAt', occurredTime: 'occurredAt', date: 'at', time: 'at' };

async function withApiFieldNames<T>(work: () => Promise<T>, extra: Record<string, string> = {}): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isAppError(err) || Object.keys(err.fieldErrors).length === 0) throw err;
    const names = { ...FIELD_NAMES, ...extra };
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(err.fieldErrors)) {
      const name = names[k] ?? k;
      if (!fields[name]) fields[name] = v;
    }
    throw new AppError(err.code, err.status, err.userMessage, fields);
  }
}

function conflictDto(err: NewsConflictError) {
  return { error: { code: err.code, message: err.userMessage, fields: { version: `نسخهٔ کنونی ${toPersianDigits(String(err.current.version))} است.` }, current: itemDto(err.current) } };
}

function actorOf(request: FastifyRequest): NewsActor {
  const user = request.currentUser;
  // The access table admits signed-in users only; this is the belt to those braces.
  if (!user) throw unauthenticated();
  return { id: user.id, username: user.username, memberships: user.memberships, ip: request.ip };
}

// ---------------------------------------------------------------- routes

const TAGS = ['news'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function newsroomApiRoutes(app: FastifyInstance, options: NewsroomApiOptions): Promise<void> {
  const { newsroom } = options;
  const api = useZodApi(app);

  // A browser session's writes need the CSRF token before the body is even validated
  // (the app checks it again later); a bearer token carries no ambient authority.
  api.addHook('preValidation', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method) || request.currentUser?.via === 'token') return done();
    app.csrfProtection(request, reply, done);
  });

  api.get(
    `${API_PREFIX}/news`,
    {
      schema: {
        tags: TAGS,
        operationId: 'listNews',
        summary: 'فهرست خبرها (صفحه‌بندی با نشانگر)',
        description:
          'دو فهرست: mine (خبرهای خود کاربر، تازه‌ترین تغییر اول؛ فیلترهای state و q) و desk (میز خبر برای دبیران، ' +
          'تازه‌ترین ارسال اول؛ همهٔ فیلترها؛ بدون state خبرهای در جریان). پیش‌فرض: desk برای دبیران، mine برای دیگران. ' +
          'صفحهٔ بعد: همان درخواست با after=next.',
        querystring: listQuery,
        response: { 200: newsPageSchema.describe('یک صفحه از فهرست'), ...apiErrors(400, 401, 403, 422, 429) },
      },
    },
    async (request) => {
      const user = actorOf(request);
      const q = request.query;
      const scope = q.scope ?? (isEditor(user) ? 'desk' : 'mine');
      const page = { after: q.after || null, limit: q.limit };
      if (scope === 'mine') {
        const deskOnly = (['kind', 'district', 'department', 'older_than_minutes'] as const).filter((k) => q[k] != null);
        if (deskOnly.length > 0) throw validationFailed(Object.fromEntries(deskOnly.map((k) => [k, MSG.deskOnlyFilter])));
        const mine = await newsroom.myItems(user, { state: q.state ?? null, q: q.q ?? null }, page);
        return { scope, items: mine.items.map(listItemDto), next: mine.next, targetMinutes: null };
      }
      const desk = await newsroom.inbox(
        user,
        { state: q.state ?? null, kind: q.kind ?? null, district: q.district, department: q.department, olderThanMinutes: q.older_than_minutes, q: q.q ?? null },
        page,
      );
      return { scope, items: desk.items.map(listItemDto), next: desk.next, targetMinutes: desk.targetMinutes };
    },
  );

  api.get(
    `${API_PREFIX}/news/:id`,
    {
      schema: {
        tags: TAGS,
        operationId: 'getNews',
        summary: 'یک خبر، با کارهای مجاز کاربر و زمان‌بندی گام‌ها',
        params: idParams,
        querystring: noQuery,
        response: { 200: newsItemViewSchema.describe('خبر و کارهای مجاز'), ...apiErrors(401, 404, 422, 429) },
      },
    },
    async (request) => viewDto(await newsroom.getForUser(actorOf(request), request.params.id)),
  );

  api.post(
    `${API_PREFIX}/news`,
    {
      schema: {
        tags: TAGS,
        operationId: 'createNews',
        summary: 'ساخت پیش‌نویس خبر',
        description: 'نویسنده فقط در حوزهٔ خود، دبیر در هر جا. با سرآیند Idempotency-Key تکرار درخواست یک خبر می‌سازد.',
        headers: idempotencyHeaders,
        querystring: noQuery,
        body: newsCreateBody,
        response: { 201: newsItemViewSchema.describe('پیش‌نویس ساخته شد (نشانی آن در Location)'), ...apiErrors(400, 401, 403, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = actorOf(request);
      const key = request.headers['idempotency-key'] ?? null;
      const item = await withApiFieldNames(() => newsroom.createDraft(user, toNewsInput(request.body), { idempotencyKey: key }));
      const view = await newsroom.getForUser(user, item.id);
      return reply.code(201).header('location', `${API_PREFIX}/news/${item.id}`).send(viewDto(view));
    },
  );

  api.put(
    `${API_PREFIX}/news/:id`,
    {
      schema: {
        tags: TAGS,
        operationId: 'updateNews',
        summary: 'ویرایش خبر (همهٔ فیلدها، با نسخه)',
        description:
          'همهٔ فیلدهای قابل ویرایش جایگزین می‌شوند (فیلد نفرستاده یعنی خالی). version باید نسخهٔ کنونی باشد؛ ' +
          'وگرنه 409 با خبر کنونی در error.current.',
        headers: idempotencyHeaders,
        params: idParams,
        querystring: noQuery,
        body: newsUpdateBody,
        response: { 200: newsItemViewSchema.describe('خبر پس از تغییر'), 409: newsConflictSchema.describe('تداخل نسخه (با error.current) یا کار ناممکن در وضعیت کنونی'), ...apiErrors(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = actorOf(request);
      const { version: expected, correctionNote, ...fields } = request.body;
      try {
        await withApiFieldNames(
          () =>
            newsroom.update(user, request.params.id, toNewsInput(fields), expected, {
              correctionNote: correctionNote ?? null,
              idempotencyKey: request.headers['idempotency-key'] ?? null,
            }),
          { note: 'correctionNote' },
        );
      } catch (err) {
        if (err instanceof NewsConflictError) return reply.code(409).send(conflictDto(err));
        throw err;
      }
      return reply.send(viewDto(await newsroom.getForUser(user, request.params.id)));
    },
  );

  api.post(
    `${API_PREFIX}/news/:id/transitions`,
    {
      schema: {
        tags: TAGS,
        operationId: 'transitionNews',
        summary: 'یک کار گردش کار (ارسال، تأیید، انتشار، …)',
        description:
          'همان قواعد صفحه‌ها: فقط دبیران تأیید و منتشر می‌کنند. کار ناممکن در وضعیت کنونی 409 (invalid_transition) است؛ ' +
          'نسخهٔ کهنه 409 (conflict) با خبر کنونی. با Idempotency-Key تکرار درخواست کار را یک بار انجام می‌دهد.',
        headers: idempotencyHeaders,
        params: idParams,
        querystring: noQuery,
        body: transitionBody,
        response: { 200: newsItemViewSchema.describe('خبر پس از تغییر'), 409: newsConflictSchema.describe('تداخل نسخه (با error.current) یا کار ناممکن در وضعیت کنونی'), ...apiErrors(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const user = actorOf(request);
      const b = request.body;
      try {
        await withApiFieldNames(() =>
          newsroom.act(user, request.params.id, b.action, {
            note: b.note ?? null,
            at: b.at ? new Date(b.at) : null,
            expectedVersion: b.version,
            idempotencyKey: request.headers['idempotency-key'] ?? null,
          }),
        );
      } catch (err) {
        if (err instanceof NewsConflictError) return reply.code(409).send(conflictDto(err));
        throw err;
      }
      return reply.send(viewDto(await newsroom.getForUser(user, request.params.id)));
    },
  );

  api.get(
    `${API_PREFIX}/news/:id/notes`,
    {
      schema: {
        tags: TAGS,
        operationId: 'listNewsNotes',
        summary: 'یادداشت‌های تحریریهٔ خبر، به ترتیب زمان',
        params: idParams,
        querystring: noQuery,
        response: { 200: z.object({ notes: z.array(newsNoteSchema) }).describe('یادداشت‌ها'), ...apiErrors(401, 404, 422, 429) },
      },
    },
    async (request) => ({ notes: (await newsroom.listNotes(actorOf(request), request.params.id)).map(noteDto) }),
  );

  api.post(
    `${API_PREFIX}/news/:id/notes`,
    {
      schema: {
        tags: TAGS,
        operationId: 'addNewsNote',
        summary: 'افزودن یادداشت تحریریه (نویسندهٔ خبر و دبیران)',
        params: idParams,
        querystring: noQuery,
        body: noteBody,
        response: { 201: newsNoteSchema.describe('یادداشت افزوده شد'), ...apiErrors(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request, reply) => {
      const note = await newsroom.addNote(actorOf(request), request.params.id, request.body.body);
      return reply.code(201).send(noteDto(note));
    },
  );
}
