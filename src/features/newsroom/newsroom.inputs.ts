// Request schemas for the newsroom: forms and JSON alike. Strict objects (unknown fields
// rejected), Persian messages, Persian/Arabic-Indic/Latin digits accepted. Titles and
// the lead are normalised here; the body is sanitised by the service (the sanitiser is
// the authority); rules that need the database or the org tree are the service's.
import { z } from 'zod';
import { choiceField, idField, numberField, optionalText, requiredText } from '../../core/http/forms.js';
import { parseJalaliDateTime } from '../../core/persian/index.js';
import { NEWS_KINDS, SERVICE_AREAS, SERVICE_AREA_LABELS, type NewsKind, type ServiceArea } from './newsroom.tables.js';
import { NEWS_STATES, NEWS_TRANSITION_ACTIONS, type NewsState, type NewsTransitionAction } from './newsroom.workflow.js';

export const NEWS_FIELD_LABELS = {
  kind: 'نوع خبر',
  overline: 'روتیتر',
  headline: 'تیتر',
  lead: 'لید',
  body: 'متن خبر',
  sourceLine: 'منبع',
  orgUnitId: 'ناحیه',
  neighbourhoodId: 'محله',
  departmentId: 'معاونت یا اداره',
  serviceAreas: 'حوزهٔ خدمات',
  occurredDate: 'تاریخ رویداد',
  occurredTime: 'ساعت رویداد',
  version: 'نسخه',
  action: 'کار',
  note: 'یادداشت',
  date: 'تاریخ',
  time: 'ساعت',
} as const;

export const NEWS_LIMITS = {
  overline: 120,
  headline: 160,
  lead: 600,
  sourceLine: 200,
  /** Raw HTML as posted, before sanitising: generous, but a bound. */
  bodyHtml: 200_000,
  note: 2000,
} as const;

/** How far ahead of now an event date may be (a clock or time-zone slip), not more. */
const OCCURRED_FUTURE_SLACK_MS = 24 * 3_600_000;

const L = NEWS_FIELD_LABELS;

/** Checkboxes post one value or several; JSON sends an array. Unknown keys are refused. */
const serviceAreasField = z
  .union([z.string(), z.array(z.string())], { error: `«${L.serviceAreas}» درست فرستاده نشده است.` })
  .optional()
  .transform((v, ctx): ServiceArea[] => {
    const list = v === undefined ? [] : Array.isArray(v) ? v : v === '' ? [] : [v];
    const out: ServiceArea[] = [];
    for (const raw of list) {
      const key = raw.trim();
      if (!(SERVICE_AREAS as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `«${L.serviceAreas}» فقط از این فهرست انتخاب می‌شود: ${Object.values(SERVICE_AREA_LABELS).join('، ')}.`,
        });
        return z.NEVER;
      }
      if (!out.includes(key as ServiceArea)) out.push(key as ServiceArea);
    }
    return out;
  });

const bodyField = z
  .string({ error: `«${L.body}» باید متن باشد.` })
  .max(NEWS_LIMITS.bodyHtml, { error: `«${L.body}» بیش از اندازه بلند است.` })
  .optional()
  .transform((v) => v ?? '');

const optionalString = (label: string) =>
  z
    .string({ error: `«${label}» باید متن باشد.` })
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? null : v.trim()));

/**
 * The news form: every editable field (an edit replaces them all, as forms post them
 * all). `now` bounds the event date: not more than a day in the future.
 */
export function newsInputSchema(now: Date) {
  return z
    .strictObject({
      kind: choiceField({ label: L.kind, options: NEWS_KINDS }),
      overline: optionalText({ label: L.overline, max: NEWS_LIMITS.overline }),
      headline: requiredText({ label: L.headline, max: NEWS_LIMITS.headline }),
      lead: optionalText({ label: L.lead, max: NEWS_LIMITS.lead }),
      body: bodyField,
      sourceLine: optionalText({ label: L.sourceLine, max: NEWS_LIMITS.sourceLine }),
      orgUnitId: idField({ label: L.orgUnitId }),
      neighbourhoodId: idField({ label: L.neighbourhoodId, optional: true }),
      departmentId: idField({ label: L.departmentId, optional: true }),
      serviceAreas: serviceAreasField,
      occurredDate: optionalString(L.occurredDate),
      occurredTime: optionalString(L.occurredTime),
    })
    .transform((v, ctx) => {
      let occurredAt: Date | null = null;
      if (v.occurredDate === null) {
        if (v.occurredTime !== null) {
          ctx.addIssue({ code: 'custom', path: ['occurredDate'], message: `برای «${L.occurredTime}»، «${L.occurredDate}» را هم وارد کنید.` });
          return z.NEVER;
        }
      } else {
        const r = parseJalaliDateTime(v.occurredDate, v.occurredTime ?? undefined);
        if (!r.ok) {
          // The date is read first: an error about the time means the date was fine.
          const timeProblem = v.occurredTime !== null && parseJalaliDateTime(v.occurredDate).ok;
          ctx.addIssue({
            code: 'custom',
            path: [timeProblem ? 'occurredTime' : 'occurredDate'],
            message: `«${timeProblem ? L.occurredTime : L.occurredDate}»: ${r.error}`,
          });
          return z.NEVER;
        }
        if (r.value.getTime() > now.getTime() + OCCURRED_FUTURE_SLACK_MS) {
          ctx.addIssue({
            code: 'custom',
            path: ['occurredDate'],
            message: `«${L.occurredDate}» نمی‌تواند بیش از یک روز بعد از امروز باشد؛ خبر دربارهٔ رویدادی است که رخ داده است.`,
          });
          return z.NEVER;
        }
        occurredAt = r.value;
      }
      return {
        kind: v.kind,
        overline: v.overline,
        headline: v.headline,
        lead: v.lead,
        bodyHtml: v.body,
        sourceLine: v.sourceLine,
        orgUnitId: v.orgUnitId as number,
        neighbourhoodId: v.neighbourhoodId,
        departmentId: v.departmentId,
        serviceAreas: v.serviceAreas,
        occurredAt,
      };
    });
}

/** The validated, normalised fields of a news item (body not yet sanitised). */
export type NewsData = z.output<ReturnType<typeof newsInputSchema>>;

type NumberInput = number | string;

/** What callers pass: form strings or JSON values (Persian digits welcome). */
export interface NewsInput {
  kind: NewsKind | string;
  overline?: string;
  headline: string;
  lead?: string;
  /** HTML from the editor (or a plain textarea); sanitised on save. */
  body?: string;
  sourceLine?: string;
  orgUnitId: NumberInput;
  neighbourhoodId?: NumberInput;
  departmentId?: NumberInput;
  /** Keys from SERVICE_AREAS: one (a single checkbox) or several. */
  serviceAreas?: string | string[];
  /** Jalali, e.g. «۱۴۰۵/۰۹/۰۸». */
  occurredDate?: string;
  /** Tehran wall-clock time, e.g. «۱۵:۳۰». */
  occurredTime?: string;
}

/**
 * A workflow action as a form posts it (for the routes): the action, a note, a Jalali
 * date and time for schedule/embargo (Tehran), and the version the page showed.
 */
export const newsActionSchema = z
  .strictObject({
    action: choiceField({ label: L.action, options: NEWS_TRANSITION_ACTIONS }),
    note: optionalText({ label: L.note, max: NEWS_LIMITS.note }),
    date: optionalString(L.date),
    time: optionalString(L.time),
    version: numberField({ label: L.version, integer: true, min: 1 }),
  })
  .transform((v, ctx) => {
    let at: Date | null = null;
    if (v.date !== null) {
      const r = parseJalaliDateTime(v.date, v.time ?? undefined);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', path: ['date'], message: `«${L.date}»: ${r.error}` });
        return z.NEVER;
      }
      at = r.value;
    } else if (v.time !== null) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: `برای «${L.time}»، «${L.date}» را هم وارد کنید.` });
      return z.NEVER;
    }
    return { action: v.action as NewsTransitionAction, note: v.note, at, expectedVersion: v.version as number };
  });
export type NewsActionData = z.output<typeof newsActionSchema>;

export const newsNoteSchema = z.strictObject({
  body: requiredText({ label: L.note, max: NEWS_LIMITS.note }),
});

/** The inbox filters as they come from a query string (all optional). */
export const inboxQuerySchema = z.strictObject({
  district: idField({ label: 'ناحیه', optional: true }),
  department: idField({ label: 'معاونت یا اداره', optional: true }),
  kind: z
    .union([choiceField({ label: L.kind, options: NEWS_KINDS }), z.literal('')])
    .optional()
    .transform((v) => (v ? v : null)),
  state: z
    .union([choiceField({ label: 'وضعیت', options: NEWS_STATES }), z.literal('')])
    .optional()
    .transform((v) => (v ? (v as NewsState) : null)),
  olderThanMinutes: numberField({ label: 'قدیمی‌تر از (دقیقه)', integer: true, min: 0, max: 525_600, optional: true }),
  q: optionalText({ label: 'جست‌وجو', max: 200 }),
  after: optionalString('صفحه'),
  limit: numberField({ label: 'تعداد', integer: true, min: 1, max: 100, optional: true }),
});
export type InboxQuery = z.output<typeof inboxQuerySchema>;

export const publishTargetSchema = z.strictObject({
  minutes: numberField({ label: 'هدف زمان انتشار (دقیقه)', integer: true, min: 5, max: 10_080 }),
});
