// The newsroom's staff pages: validate → service → view | redirect. A rejected form is
// re-rendered with what was typed (422), a stale save shows both versions (409), every
// success redirects with a flash. The JSON API lives in newsroom.api.ts.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { h, type FunctionComponent, type VNode } from 'preact';
import { AppError, forbidden, isAppError, notFound, validationFailed } from '../../core/errors.js';
import { parseInput } from '../../core/http/forms.js';
import { setFlash } from '../../core/http/flash.js';
import { isValidIdempotencyKey, newIdempotencyKey } from '../../core/http/idempotency.js';
import { sendHtml } from '../../core/http/page-context.js';
import { htmlToPlainText, rewriteNewsHtmlText, sanitizeNewsHtml } from '../../core/html/sanitize.js';
import { formatJalaliNumeric, formatNumber, normalize, toAsciiDigits, toPersianDigits } from '../../core/persian/index.js';
import { markSanitized } from '../../ui/components/raw-html/raw-html.js';
import type { StatusTone } from '../../ui/components/status-tag/status-tag.js';
import { staffChrome, type AuthService } from '../auth/index.js';
import { PhotoManager, type MediaOwnerAccess, type MediaService } from '../media/index.js';
import type { OrgService } from '../org/index.js';
import {
  NEWS_ACTION_LABELS,
  NEWS_KINDS,
  NEWS_KIND_LABELS,
  NEWS_STATES,
  NEWS_STATE_LABELS,
  NEWS_TRANSITION_ACTIONS,
  NewsConflictError,
  SERVICE_AREAS,
  SERVICE_AREA_LABELS,
  canManageDesk,
  isEditor,
  isWriter,
  newsActionSchema,
  type NewsActor,
  type NewsNotification,
  type NewsInput,
  type NewsItem,
  type NewsListItem,
  type NewsPage,
  type NewsState,
  type NewsTransitionAction,
  type NewsroomService,
  type RevisionReason,
} from './index.js';
import { formatDuration, formatMinutes } from './views/news-format.js';
import { renderNewsConflictPage } from './views/news-conflict.page.js';
import { renderNewsFormPage, type NewsFormProps } from './views/news-form.page.js';
import { renderNewsItemPage, type NewsItemPageProps } from './views/news-item.page.js';
import { renderNewsListPage } from './views/news-list.page.js';
import type { ActionView, Choice, FieldDiffView, NewsRowView, StateView, SuggestionView, TimelinessRow } from './views/news-view-models.js';
import { hasChanges, wordDiff } from './views/word-diff.js';

export interface NewsroomRoutesOptions {
  newsroom: NewsroomService;
  org: OrgService;
  auth: AuthService;
  /** Photos: the PhotoManager on the edit page and photos in the body (when the media feature is wired). */
  media?: MediaService;
}

const BASE = '/staff/news';
/** The media feature's owner kind for news items. */
export const NEWS_MEDIA_OWNER = 'news';

type Posted = Record<string, string | string[]>;

/** Form fields that are plumbing of these pages, not news data. */
const PAGE_FIELDS = ['_csrf', 'idempotency_key', 'intent', 'version', 'correctionNote', 'apply'];

const STATE_TONES: Record<NewsState, StatusTone> = {
  draft: 'neutral',
  submitted: 'info',
  changes_requested: 'warning',
  approved: 'accent',
  scheduled: 'info',
  published: 'success',
  unpublished: 'neutral',
  killed: 'danger',
  spiked: 'neutral',
};

const REVISION_LABELS: Record<RevisionReason, string> = {
  save: 'ذخیره',
  submit: 'ارسال برای دبیر',
  approve: 'تأیید',
  publish: 'انتشار',
  restore: 'بازگرداندن نسخه',
  correction: 'اصلاحیه',
};

const DONE: Record<NewsTransitionAction, string> = {
  submit: 'خبر برای دبیر فرستاده شد.',
  request_changes: 'درخواست اصلاح برای نویسنده فرستاده شد.',
  approve: 'خبر تأیید شد.',
  publish: 'خبر منتشر شد.',
  schedule: 'انتشار خبر زمان‌بندی شد.',
  embargo: 'خبر تا پایان ممنوعیت منتشر نمی‌شود؛ پس از آن خودبه‌خود منتشر می‌شود.',
  unschedule: 'زمان‌بندی انتشار لغو شد؛ خبر تأییدشده باقی ماند.',
  unpublish: 'خبر از انتشار خارج شد.',
  republish: 'خبر دوباره منتشر شد.',
  correct: 'اصلاحیه ثبت شد.',
  kill: 'خبر لغو شد.',
  spike: 'خبر کنار گذاشته شد.',
  restore: 'خبر بازگردانده شد.',
};

const ACTION_SHAPE: Record<NewsTransitionAction, Omit<ActionView, 'action' | 'label' | 'idempotencyKey'>> = {
  submit: { needs: 'none', variant: 'primary' },
  approve: { needs: 'none', variant: 'primary' },
  publish: { needs: 'none', variant: 'primary', confirm: 'این خبر همین حالا منتشر شود؟' },
  republish: { needs: 'none', variant: 'primary' },
  restore: { needs: 'none', variant: 'secondary' },
  unschedule: { needs: 'none', variant: 'secondary' },
  unpublish: { needs: 'none', variant: 'warning', confirm: 'این خبر از انتشار خارج شود؟' },
  spike: { needs: 'none', variant: 'warning', confirm: 'این خبر کنار گذاشته شود؟ بعداً می‌توان آن را بازگرداند.' },
  request_changes: {
    needs: 'note',
    variant: 'secondary',
    noteLabel: 'چه چیزی باید اصلاح شود؟',
    noteHint: 'نویسنده این یادداشت را می‌بیند و خبر را دوباره می‌فرستد.',
  },
  correct: { needs: 'note', variant: 'secondary', noteLabel: 'متن اصلاحیه', noteHint: 'زیر خبر منتشرشده به خوانندگان نشان داده می‌شود.' },
  kill: { needs: 'note', variant: 'warning', noteLabel: 'دلیل لغو', noteHint: 'در سابقهٔ خبر می‌ماند.', confirm: 'این خبر برای همیشه لغو شود؟' },
  schedule: { needs: 'time', variant: 'secondary' },
  embargo: { needs: 'time', variant: 'secondary' },
};

const AGE_CHOICES: Choice[] = [
  { value: '60', label: 'بیش از ۱ ساعت' },
  { value: '120', label: 'بیش از ۲ ساعت' },
  { value: '240', label: 'بیش از ۴ ساعت' },
  { value: '1440', label: 'بیش از ۱ روز' },
  { value: '4320', label: 'بیش از ۳ روز' },
];

/** States in which the form saves itself every few seconds (a writer's own text, never a published one). */
const AUTOSAVE_STATES: readonly NewsState[] = ['draft', 'changes_requested'];

const tehranTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tehran', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Own media only: the same rule the service's sanitiser applies. */
const isOwnMediaUrl = (url: string) => /^\/media\/[^/\\]/.test(url) && !url.includes('..');

function page<P>(component: FunctionComponent<P>, props: NoInfer<P>): VNode {
  return h(component as FunctionComponent<object>, props as object);
}

function actorOf(request: FastifyRequest): NewsActor {
  const user = request.currentUser;
  if (!user) throw forbidden();
  return { id: user.id, username: user.username, memberships: user.memberships, ip: request.ip };
}

/** Ids in URLs: ASCII digits within the integer column's range, else a 404. */
function idParam(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw notFound('خبر پیدا نشد.');
  const id = Number(raw);
  if (id > 2_147_483_647) throw notFound('خبر پیدا نشد.');
  return id;
}

/** What was posted, as strings (checkbox groups as lists), to keep in the form. */
function postedValues(body: unknown): Posted {
  const out: Posted = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

const one = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '');

function keyOf(values: Posted): string | null {
  const k = one(values.idempotency_key);
  return k === '' ? null : k;
}

/** The key a re-rendered form carries on: the posted one while valid (a refused post wrote nothing), else a fresh one. */
function formKey(values: Posted | undefined): string {
  const k = values ? keyOf(values) : null;
  return k && isValidIdempotencyKey(k) ? k : newIdempotencyKey();
}

/** A second step of one form post (save, then submit) gets its own key derived from the form's. */
function derivedKey(key: string | null, step: string): string | null {
  if (!key || !isValidIdempotencyKey(key)) return null;
  const k = `${key}-${step}`;
  return isValidIdempotencyKey(k) ? k : null;
}

function versionOf(values: Posted): number {
  const raw = toAsciiDigits(one(values.version)).trim();
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw validationFailed({ _form: 'نسخهٔ خبر در فرم نیست یا درست نیست؛ صفحه را دوباره باز کنید.' });
  return Number(raw);
}

const TAG = /<\/?[a-zA-Z][^>]*>/;

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The body as the service should get it. Without the editor the textarea holds either
 * HTML-lite or plain text; plain text (no tag at all) becomes paragraphs at blank
 * lines, with line breaks kept. The service's sanitiser has the last word either way.
 */
export function bodyFromForm(raw: string): string {
  if (raw.trim() === '' || TAG.test(raw)) return raw;
  return raw
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeText(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The news fields of a post, for the service (its strict schema refuses anything unknown). */
function newsInput(values: Posted): NewsInput {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (!PAGE_FIELDS.includes(k)) out[k] = v;
  if (typeof out.body === 'string') out.body = bodyFromForm(out.body);
  // Unchecked here on purpose: the service parses it with its strict schema.
  return out as unknown as NewsInput;
}

/** Normalises the text of HTML (text nodes only, never markup), keeping each node's edge spaces. */
export function normalizeHtmlText(html: string): string {
  const clean = sanitizeNewsHtml(bodyFromForm(html), { isOwnMediaUrl });
  return rewriteNewsHtmlText(clean, { isOwnMediaUrl }, (escaped) => {
    const text = escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const lead = /^\s*/.exec(text)![0];
    const trail = text.trim() === '' ? '' : /\s*$/.exec(text)![0];
    const inner = text.trim() === '' ? '' : normalize(text);
    return escapeText(lead + inner + trail);
  });
}

function stateView(state: NewsState): StateView {
  return { label: NEWS_STATE_LABELS[state], tone: STATE_TONES[state] };
}

function itemValues(item: NewsItem): Posted {
  let occurredTime = '';
  if (item.occurredAt) {
    const t = tehranTime.format(item.occurredAt);
    occurredTime = t === '00:00' ? '' : toPersianDigits(t);
  }
  return {
    kind: item.kind,
    overline: item.overline ?? '',
    headline: item.headline,
    lead: item.lead ?? '',
    body: item.bodyHtml,
    sourceLine: item.sourceLine ?? '',
    orgUnitId: String(item.orgUnitId),
    neighbourhoodId: item.neighbourhoodId === null ? '' : String(item.neighbourhoodId),
    departmentId: item.departmentId === null ? '' : String(item.departmentId),
    serviceAreas: [...item.serviceAreas],
    occurredDate: item.occurredAt ? formatJalaliNumeric(item.occurredAt) : '',
    occurredTime,
    version: String(item.version),
  };
}

/** Field errors for the form: the service calls a correction note's error `note`. */
function formErrorsOf(err: AppError): { errors: Record<string, string>; formError?: string } {
  const { _form, note, ...errors } = err.fieldErrors;
  if (note) errors.correctionNote = note;
  return { errors, formError: _form ?? (Object.keys(errors).length === 0 ? err.userMessage : undefined) };
}

function suggestionsFor(values: Posted): SuggestionView[] {
  const out: SuggestionView[] = [];
  const labels = { overline: 'روتیتر', headline: 'تیتر', lead: 'لید' } as const;
  for (const field of ['overline', 'headline', 'lead'] as const) {
    const before = one(values[field]).trim();
    if (before === '') continue;
    const after = normalize(before);
    if (after !== before) out.push({ field, label: labels[field], parts: wordDiff(before, after) });
  }
  const body = one(values.body);
  if (body.trim() !== '') {
    const before = htmlToPlainText(sanitizeNewsHtml(bodyFromForm(body), { isOwnMediaUrl }));
    const after = htmlToPlainText(normalizeHtmlText(body));
    if (before !== after) out.push({ field: 'body', label: 'متن خبر', parts: wordDiff(before, after) });
  }
  return out;
}

function applySuggestion(values: Posted, apply: string): Posted {
  const next = { ...values };
  const fields = apply === 'all' ? ['overline', 'headline', 'lead', 'body'] : [apply];
  for (const f of fields) {
    const v = one(values[f]);
    if (v.trim() === '') continue;
    if (f === 'body') next.body = normalizeHtmlText(v);
    else if (f === 'overline' || f === 'headline' || f === 'lead') next[f] = normalize(v);
  }
  return next;
}

function fieldDiffs(before: { overline: string | null; headline: string; lead: string | null; bodyHtml: string }, after: typeof before): FieldDiffView[] {
  const pairs: Array<[string, string, string]> = [
    ['روتیتر', before.overline ?? '', after.overline ?? ''],
    ['تیتر', before.headline, after.headline],
    ['لید', before.lead ?? '', after.lead ?? ''],
    ['متن خبر', htmlToPlainText(before.bodyHtml), htmlToPlainText(after.bodyHtml)],
  ];
  return pairs.filter(([, a, b]) => a !== b).map(([label, a, b]) => ({ label, parts: wordDiff(a, b) })).filter((d) => hasChanges(d.parts));
}

export const newsroomRoutes: FastifyPluginAsync<NewsroomRoutesOptions> = async (app, opts) => {
  const { newsroom, org, auth, media } = opts;

  // ---------------------------------------------------------------- lookups

  async function unitNames(): Promise<Map<number, string>> {
    return new Map((await org.listUnits()).map((u) => [u.id, u.name]));
  }

  async function departmentNames(): Promise<Map<number, string>> {
    return new Map((await org.listDepartments()).map((d) => [d.id, d.name]));
  }

  async function formChoices(user: NewsActor): Promise<NewsFormProps['choices']> {
    const [places, tree, groups] = await Promise.all([newsroom.placesFor(user), org.listTree(), org.listDepartmentsByUnit()]);
    const placeIds = new Set(places.map((p) => p.id));
    const anywhere = places.some((p) => p.kind === 'region') || isEditor(user);
    return {
      kinds: NEWS_KINDS.map((k) => ({ value: k, label: NEWS_KIND_LABELS[k] })),
      places: places.map((p) => ({ value: String(p.id), label: p.kind === 'region' ? `${p.name} (کل منطقه)` : p.name })),
      neighbourhoods: tree.districts
        .filter((d) => anywhere || placeIds.has(d.unit.id))
        .flatMap((d) => d.neighbourhoods.map((n) => ({ value: String(n.id), label: `${n.name} — ${d.unit.name}` }))),
      departments: groups.flatMap((g) =>
        g.departments.filter((d) => d.isActive).map((d) => ({ value: String(d.id), label: d.name.includes(g.unit.name) ? d.name : `${d.name} — ${g.unit.name}` })),
      ),
      serviceAreas: SERVICE_AREAS.map((s) => ({ value: s, label: SERVICE_AREA_LABELS[s] })),
    };
  }

  async function photosOf(id: number) {
    return media ? media.listAttachments(NEWS_MEDIA_OWNER, id) : [];
  }

  /** Display names of the people behind ids (authors of revisions and transitions). */
  async function peopleNames(ids: Iterable<number>, known: Map<number, string>): Promise<Map<number, string>> {
    const names = new Map(known);
    const missing = [...new Set(ids)].filter((id) => !names.has(id));
    const found = await Promise.all(missing.map(async (id) => [id, (await auth.getUser(id))?.displayName ?? 'کاربر'] as const));
    for (const [id, name] of found) names.set(id, name);
    return names;
  }

  // ---------------------------------------------------------------- the form

  interface FormState {
    values: Posted;
    errors?: Record<string, string>;
    formError?: string;
    notice?: string;
    suggestions?: SuggestionView[];
  }

  async function renderCreateForm(request: FastifyRequest, reply: FastifyReply, state: FormState, status: number) {
    const user = actorOf(request);
    const props: NewsFormProps = {
      chrome: staffChrome(request, reply),
      mode: 'create',
      action: BASE,
      autosaveUrl: `${BASE}/autosave`,
      suggestionsUrl: `${BASE}/editor-suggestions`,
      storageKey: `shahrnama:news:u${user.id}:new`,
      values: state.values,
      errors: state.errors ?? {},
      formError: state.formError,
      notice: state.notice,
      idempotencyKey: formKey(state.values),
      choices: await formChoices(user),
      canSubmit: true,
      saveLabel: 'ذخیرهٔ پیش‌نویس',
      showCorrection: false,
      suggestions: state.suggestions,
      editorPhotos: [],
    };
    return sendHtml(reply, renderNewsFormPage(props), status);
  }

  async function renderEditForm(request: FastifyRequest, reply: FastifyReply, id: number, state: FormState | null, status: number) {
    const user = actorOf(request);
    const view = await newsroom.getForUser(user, id);
    if (!view.canEdit) throw forbidden('اجازهٔ ویرایش این خبر را در وضعیت کنونی ندارید.');
    const { item } = view;
    const chrome = staffChrome(request, reply);
    const values = state?.values ?? itemValues(item);
    const photos = await photosOf(id);
    const errors = state?.errors ?? {};
    const props: NewsFormProps = {
      chrome,
      mode: 'edit',
      action: `${BASE}/${id}`,
      autosaveUrl: AUTOSAVE_STATES.includes(item.state) ? `${BASE}/${id}/autosave` : '',
      suggestionsUrl: `${BASE}/${id}/editor-suggestions`,
      storageKey: `shahrnama:news:u${user.id}:${id}`,
      item: { id, headline: item.headline, state: stateView(item.state), href: `${BASE}/${id}`, updatedAt: item.updatedAt },
      values,
      errors,
      formError: state?.formError,
      notice: state?.notice,
      idempotencyKey: formKey(state?.values),
      choices: await formChoices(user),
      canSubmit: view.actions.includes('submit'),
      saveLabel: item.state === 'draft' ? 'ذخیرهٔ پیش‌نویس' : 'ذخیرهٔ تغییرات',
      showCorrection: item.state === 'published' && isEditor(user),
      suggestions: state?.suggestions,
      photos: media
        ? page(PhotoManager, {
            csrfToken: chrome.csrfToken,
            ownerKind: NEWS_MEDIA_OWNER,
            ownerId: id,
            photos,
            returnTo: `${BASE}/${id}/edit`,
            errors,
            heading: 'عکس‌های خبر',
          })
        : undefined,
      editorPhotos: photos.map((p) => ({ src: p.fallbackUrl, alt: p.alt ?? '' })),
    };
    return sendHtml(reply, renderNewsFormPage(props), status);
  }

  app.get(`${BASE}/new`, async (request, reply) => {
    const user = actorOf(request);
    const places = await newsroom.placesFor(user);
    const only = places.length === 1 ? places[0] : undefined;
    return renderCreateForm(
      request,
      reply,
      {
        values: {
          kind: 'news',
          orgUnitId: only ? String(only.id) : '',
          sourceLine: only ? `به نقل از روابط عمومی شهرداری ${only.name}` : '',
        },
      },
      200,
    );
  });

  /** Save and, when asked, hand to the desk. A refused submit keeps the saved draft and shows why. */
  async function submitAfterSave(
    request: FastifyRequest,
    reply: FastifyReply,
    item: NewsItem,
    values: Posted,
    key: string | null,
  ): Promise<FastifyReply | null> {
    try {
      await newsroom.act(actorOf(request), item.id, 'submit', { expectedVersion: item.version, idempotencyKey: derivedKey(key, 'submit') });
      return null;
    } catch (err) {
      if (isAppError(err) && err.status === 422) {
        return renderEditForm(
          request,
          reply,
          item.id,
          {
            // The save went through, so its key is spent: the next post of this form needs a new one.
            values: { ...values, version: String(item.version), idempotency_key: newIdempotencyKey() },
            ...formErrorsOf(err),
            notice: 'خبر ذخیره شد، اما هنوز برای دبیر فرستاده نشد. موارد زیر را کامل کنید و دوباره «ذخیره و ارسال برای دبیر» را بزنید.',
          },
          422,
        );
      }
      throw err;
    }
  }

  app.post(BASE, async (request, reply) => {
    const user = actorOf(request);
    const values = postedValues(request.body);
    const key = keyOf(values);
    let item: NewsItem;
    try {
      item = await newsroom.createDraft(user, newsInput(values), { idempotencyKey: key });
    } catch (err) {
      if (isAppError(err) && err.status === 422) return renderCreateForm(request, reply, { values, ...formErrorsOf(err) }, 422);
      throw err;
    }
    if (one(values.intent) === 'submit') {
      const refused = await submitAfterSave(request, reply, item, values, key);
      if (refused) return refused;
      setFlash(reply, 'success', DONE.submit);
      return reply.redirect(`${BASE}/${item.id}`, 303);
    }
    setFlash(reply, 'success', media ? 'پیش‌نویس ذخیره شد. اکنون می‌توانید عکس‌های خبر را هم بیفزایید.' : 'پیش‌نویس ذخیره شد.');
    return reply.redirect(`${BASE}/${item.id}/edit`, 303);
  });

  app.get<{ Params: { id: string } }>(`${BASE}/:id/edit`, async (request, reply) => renderEditForm(request, reply, idParam(request.params.id), null, 200));

  async function renderConflict(request: FastifyRequest, reply: FastifyReply, err: NewsConflictError, values: Posted) {
    const c = err.current;
    const mine = { overline: one(values.overline) || null, headline: one(values.headline), lead: one(values.lead) || null };
    const mineBody = sanitizeNewsHtml(bodyFromForm(one(values.body)), { isOwnMediaUrl });
    return sendHtml(
      reply,
      renderNewsConflictPage({
        chrome: staffChrome(request, reply),
        current: {
          id: c.id,
          version: c.version,
          overline: c.overline,
          headline: c.headline,
          lead: c.lead,
          bodyHtml: markSanitized(c.bodyHtml),
          state: stateView(c.state),
          updatedAt: c.updatedAt,
          editedBy: null,
        },
        mine: values,
        mineBodyText: htmlToPlainText(mineBody),
        staleVersion: err.expectedVersion,
        diffs: fieldDiffs(c, { ...mine, bodyHtml: mineBody }),
        saveAction: `${BASE}/${c.id}`,
        idempotencyKey: newIdempotencyKey(),
      }),
      409,
    );
  }

  app.post<{ Params: { id: string } }>(`${BASE}/:id`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    const key = keyOf(values);
    let item: NewsItem;
    try {
      const version = versionOf(values);
      const correctionNote = one(values.correctionNote).trim() || null;
      item = await newsroom.update(user, id, newsInput(values), version, { correctionNote, idempotencyKey: key });
    } catch (err) {
      if (err instanceof NewsConflictError) return renderConflict(request, reply, err, values);
      if (isAppError(err) && err.status === 422) return renderEditForm(request, reply, id, { values, ...formErrorsOf(err) }, 422);
      throw err;
    }
    if (one(values.intent) === 'submit') {
      const refused = await submitAfterSave(request, reply, item, values, key);
      if (refused) return refused;
      setFlash(reply, 'success', DONE.submit);
      return reply.redirect(`${BASE}/${id}`, 303);
    }
    setFlash(reply, 'success', item.correctedAt && one(values.correctionNote).trim() ? 'تغییرات و اصلاحیه ذخیره شد.' : 'تغییرات ذخیره شد.');
    return reply.redirect(`${BASE}/${id}`, 303);
  });

  // ---------------------------------------------------------------- autosave (JSON, for static/js/autosave.js)

  function savedJson(item: NewsItem) {
    return {
      id: item.id,
      version: item.version,
      state: item.state,
      savedAt: item.updatedAt.toISOString(),
      editUrl: `${BASE}/${item.id}/edit`,
      saveUrl: `${BASE}/${item.id}`,
      autosaveUrl: `${BASE}/${item.id}/autosave`,
      suggestionsUrl: `${BASE}/${item.id}/editor-suggestions`,
    };
  }

  function jsonError(reply: FastifyReply, err: AppError, extra: Record<string, unknown> = {}) {
    return reply
      .status(err.status)
      .header('cache-control', 'no-store')
      .send({ error: { code: err.code, message: err.userMessage, fields: err.fieldErrors }, ...extra });
  }

  app.post(`${BASE}/autosave`, async (request, reply) => {
    const user = actorOf(request);
    const values = postedValues(request.body);
    const key = keyOf(values);
    // Without a key a retried autosave would make a second draft: refuse it.
    if (!key || !isValidIdempotencyKey(key)) {
      return jsonError(reply, new AppError('idempotency_key_invalid', 400, 'شناسهٔ یکتای فرم نیست؛ صفحه را دوباره باز کنید.'));
    }
    try {
      const item = await newsroom.createDraft(user, newsInput(values), { idempotencyKey: key });
      return reply.status(201).header('cache-control', 'no-store').send(savedJson(item));
    } catch (err) {
      if (isAppError(err) && err.status < 500) return jsonError(reply, err);
      throw err;
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/autosave`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    try {
      const view = await newsroom.getForUser(user, id);
      if (!AUTOSAVE_STATES.includes(view.item.state)) {
        throw new AppError('autosave_off', 409, 'ذخیرهٔ خودکار فقط برای پیش‌نویس و خبرِ نیازمند اصلاح است؛ تغییرات را با دکمهٔ ذخیره ثبت کنید.');
      }
      const item = await newsroom.update(user, id, newsInput(values), versionOf(values), { idempotencyKey: keyOf(values) });
      return reply.header('cache-control', 'no-store').send(savedJson(item));
    } catch (err) {
      if (err instanceof NewsConflictError) {
        return jsonError(reply, err, { current: { version: err.current.version, updatedAt: err.current.updatedAt.toISOString(), editUrl: `${BASE}/${id}/edit` } });
      }
      if (isAppError(err) && err.status < 500) return jsonError(reply, err);
      throw err;
    }
  });

  // ---------------------------------------------------------------- the «ویراستار»

  /** The form as posted, with a suggestion applied when asked (`apply`): nothing is saved. */
  function suggestionState(values: Posted): FormState {
    const apply = one(values.apply);
    const { apply: _apply, intent: _intent, ...kept } = values;
    const next = apply ? applySuggestion(kept, apply) : kept;
    return { values: next, suggestions: suggestionsFor(next) };
  }

  app.post(`${BASE}/editor-suggestions`, async (request, reply) => renderCreateForm(request, reply, suggestionState(postedValues(request.body)), 200));

  app.post<{ Params: { id: string } }>(`${BASE}/:id/editor-suggestions`, async (request, reply) =>
    renderEditForm(request, reply, idParam(request.params.id), suggestionState(postedValues(request.body)), 200),
  );

  // ---------------------------------------------------------------- the item page

  interface ItemExtras {
    failed?: NewsItemPageProps['failed'];
    notice?: string;
  }

  async function renderItem(request: FastifyRequest, reply: FastifyReply, id: number, status: number, extras: ItemExtras = {}) {
    const user = actorOf(request);
    const view = await newsroom.getForUser(user, id);
    const { item } = view;
    const [notes, transitions, revisions, diff, units, departments, photos] = await Promise.all([
      newsroom.listNotes(user, id),
      newsroom.listTransitions(user, id),
      newsroom.listRevisions(user, id),
      newsroom.diffSubmittedVsPublished(user, id),
      unitNames(),
      departmentNames(),
      photosOf(id),
    ]);
    const known = new Map<number, string>([[view.author.id, view.author.displayName]]);
    for (const n of notes) known.set(n.authorId, n.authorDisplayName);
    const names = await peopleNames(
      [...transitions.map((t) => t.actorId), ...revisions.map((r) => r.authorId)].filter((x): x is number => x !== null),
      known,
    );
    const nameOf = (id: number | null) => (id === null ? 'سامانه (انتشار زمان‌بندی‌شده)' : (names.get(id) ?? 'کاربر'));
    const t = view.timeliness;
    const duration = (ms: number | null) => (ms === null ? null : formatDuration(ms));
    const timelinessRows: TimelinessRow[] = [
      { label: 'زمان رویداد', at: item.occurredAt },
      { label: 'نوشتن پیش‌نویس', at: item.createdAt },
      { label: 'نخستین ارسال برای دبیر', at: item.firstSubmittedAt },
      { label: 'نخستین تأیید', at: item.firstApprovedAt },
      { label: 'نخستین انتشار', at: item.firstPublishedAt },
      { label: 'از رویداد تا نوشتن خبر', text: duration(t.occurredToCreatedMs) },
      { label: 'از ارسال تا تأیید', text: duration(t.submittedToApprovedMs) },
      { label: 'از ارسال تا انتشار (زمان رسیدن به مردم)', text: duration(t.submittedToPublishedMs) },
    ];
    const meta = [
      { key: 'نوع', value: NEWS_KIND_LABELS[item.kind] },
      { key: 'ناحیه', value: units.get(item.orgUnitId) ?? '—' },
      ...(item.neighbourhoodId !== null ? [{ key: 'محله', value: units.get(item.neighbourhoodId) ?? '—' }] : []),
      ...(item.departmentId !== null ? [{ key: 'معاونت یا اداره', value: departments.get(item.departmentId) ?? '—' }] : []),
      { key: 'حوزهٔ خدمات', value: item.serviceAreas.length ? item.serviceAreas.map((s) => SERVICE_AREA_LABELS[s]).join('، ') : '—' },
      { key: 'منبع', value: item.sourceLine ?? '—' },
      { key: 'نویسنده', value: view.author.displayName || view.author.username },
      { key: 'نسخه', value: formatNumber(item.version) },
      ...(item.slug ? [{ key: 'نامک نشانی عمومی', value: item.slug }] : []),
    ];
    const actions: ActionView[] = NEWS_TRANSITION_ACTIONS.filter((a) => view.actions.includes(a)).map((a) => ({
      action: a,
      label: NEWS_ACTION_LABELS[a],
      ...ACTION_SHAPE[a],
      idempotencyKey: newIdempotencyKey(),
    }));
    const lastRevision = revisions.reduce((max, r) => Math.max(max, r.number), 0);
    let editorDiff: NewsItemPageProps['editorDiff'] = null;
    if (diff.submitted && diff.published) {
      const s = diff.submitted.snapshot;
      const p = diff.published.snapshot;
      editorDiff = { submittedAt: diff.submitted.at, publishedAt: diff.published.at, fields: fieldDiffs(s, p) };
    }
    const chrome = staffChrome(request, reply);
    const props: NewsItemPageProps = {
      chrome,
      item: {
        id: item.id,
        version: item.version,
        overline: item.overline,
        headline: item.headline,
        lead: item.lead,
        // Sanitised by the service on every save (and again on restore).
        bodyHtml: markSanitized(item.bodyHtml),
        kindLabel: NEWS_KIND_LABELS[item.kind],
        state: stateView(item.state),
        meta,
        correctionNote: item.correctionNote,
        correctedAt: item.correctedAt,
        killReason: item.killReason,
        dueAt: view.dueAt,
        dueKind: view.dueAt ? (item.embargoUntil ? 'embargo' : 'schedule') : null,
        publishedAt: item.publishedAt,
      },
      editHref: view.canEdit ? `${BASE}/${id}/edit` : undefined,
      publicLife:
        isEditor(user) && item.state === 'published' && item.slug
          ? { slug: item.slug, href: `/news/${encodeURIComponent(item.slug)}`, featuredAt: item.featuredAt }
          : undefined,
      actions,
      failed: extras.failed,
      notice: extras.notice,
      timeliness: timelinessRows,
      notes: notes.map((n) => ({ id: n.id, authorName: n.authorDisplayName || n.authorUsername, at: n.createdAt, body: n.body })),
      canNote: view.canNote,
      history: transitions.map((tr) => ({
        label: NEWS_ACTION_LABELS[tr.action],
        fromLabel: NEWS_STATE_LABELS[tr.fromState],
        toLabel: NEWS_STATE_LABELS[tr.toState],
        at: tr.at,
        actorName: nameOf(tr.actorId),
        note: tr.note,
      })),
      revisions: [...revisions]
        .sort((a, b) => b.number - a.number)
        .map((r) => ({
          number: r.number,
          reasonLabel: REVISION_LABELS[r.reason],
          at: r.createdAt,
          authorName: nameOf(r.authorId),
          headline: r.snapshot.headline,
          current: r.number === lastRevision,
        })),
      canRestore: view.canEdit,
      editorDiff,
      photos:
        media && photos.length > 0
          ? page(PhotoManager, {
              csrfToken: chrome.csrfToken,
              ownerKind: NEWS_MEDIA_OWNER,
              ownerId: id,
              photos,
              returnTo: `${BASE}/${id}`,
              readOnly: true,
              heading: 'عکس‌ها',
            })
          : undefined,
    };
    return sendHtml(reply, renderNewsItemPage(props), status);
  }

  app.get<{ Params: { id: string } }>(`${BASE}/:id`, async (request, reply) => renderItem(request, reply, idParam(request.params.id), 200));

  /** A refused step on the item page: 422 keeps what was typed in that form, 409 explains. */
  async function itemFailure(request: FastifyRequest, reply: FastifyReply, id: number, err: unknown, form: string, values: Posted) {
    if (err instanceof NewsConflictError) {
      return renderItem(request, reply, id, 409, {
        notice: `این خبر در این فاصله تغییر کرده است (اکنون «${NEWS_STATE_LABELS[err.current.state]}»، نسخهٔ ${formatNumber(err.current.version)}). کار شما انجام نشد؛ خبر را همان‌طور که اکنون هست ببینید و دوباره تصمیم بگیرید.`,
      });
    }
    if (isAppError(err) && err.status === 409) return renderItem(request, reply, id, 409, { notice: err.userMessage });
    if (isAppError(err) && err.status === 422) {
      const { _form, ...errors } = err.fieldErrors;
      const message = _form ?? (Object.keys(errors).length === 0 ? err.userMessage : undefined);
      return renderItem(request, reply, id, 422, { failed: { form, errors, values, message } });
    }
    throw err;
  }

  app.post<{ Params: { id: string } }>(`${BASE}/:id/actions`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    const form = one(values.action);
    try {
      const data = parseInput(newsActionSchema, {
        action: one(values.action),
        note: one(values.note),
        date: one(values.date),
        time: one(values.time),
        version: one(values.version),
      });
      await newsroom.act(user, id, data.action, { note: data.note, at: data.at, expectedVersion: data.expectedVersion, idempotencyKey: keyOf(values) });
      setFlash(reply, 'success', DONE[data.action]);
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      return itemFailure(request, reply, id, err, form, values);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/notes`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    const body = one(values.body);
    try {
      // A double-clicked button posts the same note twice within a moment: keep one.
      const last = (await newsroom.listNotes(user, id)).at(-1);
      const duplicate = last && last.authorId === user.id && last.body === normalize(body) && Date.now() - last.createdAt.getTime() < 10_000;
      if (!duplicate) await newsroom.addNote(user, id, body);
      setFlash(reply, 'success', 'یادداشت افزوده شد.');
      return reply.redirect(`${BASE}/${id}#notes-title`, 303);
    } catch (err) {
      return itemFailure(request, reply, id, err, 'note', values);
    }
  });

  app.post<{ Params: { id: string; number: string } }>(`${BASE}/:id/revisions/:number/restore`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const number = idParam(request.params.number);
    const values = postedValues(request.body);
    try {
      await newsroom.restoreRevision(user, id, number, versionOf(values));
      setFlash(reply, 'success', `نسخهٔ ${formatNumber(number)} بازگردانده شد (به‌صورت نسخه‌ای تازه).`);
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      return itemFailure(request, reply, id, err, 'restore', values);
    }
  });

  // An editor's changes to a published item's public life: its slug (old links answer
  // 301) and whether the home page features it. Both carry the version the page showed.
  app.post<{ Params: { id: string } }>(`${BASE}/:id/slug`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    try {
      const item = await newsroom.changeSlug(user, id, one(values.slug), versionOf(values));
      setFlash(reply, 'success', `نامک خبر به «${item.slug ?? ''}» تغییر کرد؛ نشانی پیشین به نشانی تازه هدایت می‌شود.`);
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      return itemFailure(request, reply, id, err, 'slug', values);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/feature`, async (request, reply) => {
    const user = actorOf(request);
    const id = idParam(request.params.id);
    const values = postedValues(request.body);
    const featured = one(values.featured) === '1';
    try {
      await newsroom.setFeatured(user, id, featured, versionOf(values));
      setFlash(reply, 'success', featured ? 'خبر در صفحهٔ نخست برجسته شد.' : 'خبر از برجسته‌های صفحهٔ نخست برداشته شد.');
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      return itemFailure(request, reply, id, err, 'feature', values);
    }
  });

  // ---------------------------------------------------------------- lists

  function rowOf(r: NewsListItem, units: Map<number, string>): NewsRowView {
    return {
      id: r.id,
      href: `${BASE}/${r.id}`,
      headline: r.headline,
      overline: r.overline,
      kindLabel: NEWS_KIND_LABELS[r.kind],
      state: stateView(r.state),
      placeLabel: units.get(r.orgUnitId) ?? '—',
      authorName: r.authorDisplayName,
      waitLabel: r.waitMinutes === null ? null : formatMinutes(r.waitMinutes),
      overdue: r.overdue,
      submittedAt: r.lastSubmittedAt,
      updatedAt: r.updatedAt,
      dueAt: r.dueAt,
    };
  }

  app.post(`${BASE}/notifications/read`, async (request, reply) => {
    await newsroom.markNotificationsRead(actorOf(request), 'all');
    setFlash(reply, 'success', 'اعلان‌ها خوانده‌شده علامت خوردند.');
    return reply.redirect(BASE, 303);
  });

  app.post(`${BASE}/settings`, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { publishTargetMinutes } = await newsroom.setPublishTargetMinutes(actorOf(request), typeof body.minutes === 'string' ? body.minutes : '');
    setFlash(reply, 'success', `هدف زمان انتشار میز ${formatMinutes(publishTargetMinutes)} شد.`);
    return reply.redirect(BASE, 303);
  });

  app.get(BASE, async (request, reply) => {
    const user = actorOf(request);
    const editor = isEditor(user);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof query[k] === 'string' ? (query[k] as string).trim() : '');
    const desk = editor && text('view') !== 'mine';
    const keys = desk ? ['district', 'department', 'kind', 'state', 'age', 'q', 'after'] : ['state', 'q', 'after'];
    const filters: Record<string, string> = {};
    for (const k of keys) if (text(k) !== '') filters[k] = text(k);

    let result: NewsPage & { targetMinutes?: number } = { items: [], next: null };
    let errors: Record<string, string> = {};
    let status = 200;
    try {
      if (desk) {
        const { age, ...rest } = filters;
        result = await newsroom.inboxFromQuery(user, { ...rest, ...(age ? { olderThanMinutes: age } : {}) });
      } else {
        const state = filters.state ?? '';
        if (state !== '' && !(NEWS_STATES as readonly string[]).includes(state)) throw validationFailed({ state: 'یکی از گزینه‌های «وضعیت» را انتخاب کنید.' });
        result = await newsroom.myItems(user, { state: (state || null) as NewsState | null, q: filters.q ?? null }, { after: filters.after ?? null });
      }
    } catch (err) {
      if (!isAppError(err) || (err.status !== 422 && err.status !== 400)) throw err;
      const { olderThanMinutes, _form, ...rest } = err.fieldErrors;
      errors = { ...rest, ...(olderThanMinutes ? { age: olderThanMinutes } : {}) };
      if (_form) errors.q = _form;
      if (err.status === 400) errors.after = err.userMessage;
      status = err.status;
    }
    const [units, places, groups] = await Promise.all([unitNames(), org.listUnits(), org.listDepartmentsByUnit()]);
    const listHref = (extra: Record<string, string>) => {
      const params = new URLSearchParams();
      if (!desk && editor) params.set('view', 'mine');
      for (const [k, v] of Object.entries({ ...filters, ...extra })) if (k !== 'after' || extra.after) params.set(k, v);
      const qs = params.toString();
      return qs ? `${BASE}?${qs}` : BASE;
    };
    const { after: _after, ...withoutCursor } = filters;
    const chrome = staffChrome(request, reply);
    const unread = await newsroom.notifications(user, { unreadOnly: true, limit: 10 });
    const deskTarget = canManageDesk(user) ? { minutes: (await newsroom.deskSettings()).publishTargetMinutes } : undefined;
    const html = renderNewsListPage({
      chrome,
      csrfToken: chrome.csrfToken,
      notifications: unread.map((n) => ({ id: n.id, href: `${BASE}/${n.newsId}`, text: `${NOTIFICATION_TEXT[n.kind]}: ${n.headline}`, at: n.createdAt })),
      deskTarget,
      mode: desk ? 'desk' : 'mine',
      isEditor: editor,
      canCreate: editor || isWriter(user),
      filters,
      errors,
      choices: {
        districts: places
          .filter((u) => u.kind === 'district' || u.kind === 'region')
          .map((u) => ({ value: String(u.id), label: u.kind === 'region' ? `${u.name} (خبرهای منطقه‌ای)` : u.name })),
        departments: groups.flatMap((g) => g.departments.map((d) => ({ value: String(d.id), label: d.name }))),
        kinds: NEWS_KINDS.map((k) => ({ value: k, label: NEWS_KIND_LABELS[k] })),
        states: NEWS_STATES.map((s) => ({ value: s, label: NEWS_STATE_LABELS[s] })),
        ages: AGE_CHOICES,
      },
      rows: result.items.map((r) => rowOf(r, units)),
      nextHref: result.next ? listHref({ after: result.next }) : undefined,
      firstHref: filters.after ? listHref({}) : undefined,
      targetLabel: result.targetMinutes ? formatMinutes(result.targetMinutes) : undefined,
      anyFilter: Object.keys(withoutCursor).length > 0,
    });
    return sendHtml(reply, html, status);
  });
};

const NOTIFICATION_TEXT: Record<NewsNotification['kind'], string> = {
  mention: 'از شما نام برده شد',
  changes_requested: 'درخواست اصلاح',
  published: 'منتشر شد',
};

/** The media feature asks the newsroom whether a user may change an item's photos. */
export function newsPhotoOwner(newsroom: Pick<NewsroomService, 'getForUser'>): MediaOwnerAccess {
  return {
    async canEdit(user, ownerId) {
      const view = await newsroom.getForUser({ id: user.id, username: user.username, memberships: user.memberships }, ownerId);
      return view.canEdit;
    },
  };
}
