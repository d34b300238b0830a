// Public content for page-quality tests: Region 21 with its districts and neighbourhoods,
// a published news item with a photo (caption, alt text, credit) and a body with a
// subheading, a list and a link, an approved and a pending citizen comment, and a second
// item whose headline holds markup characters. Everything is written through the
// services, so their rules apply.
import sharp from 'sharp';
import path from 'node:path';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/core/db/index.js';
import { createLocalDiskStorage } from '../../src/core/storage/index.js';
import { commentInputSchema, createFeedbackService } from '../../src/features/feedback/index.js';
import { createMediaService } from '../../src/features/media/index.js';
import { createNewsroomService, type NewsActor, type NewsInput, type NewsItem } from '../../src/features/newsroom/index.js';
import { createOrgService, type OrgUnit } from '../../src/features/org/index.js';
import { createUserWithRole } from './login.js';

const orgActor = { userId: null, label: 'test' };

/** Markup characters and Persian text: must come back escaped in HTML and XML, and intact. */
// (Straight quotes around Persian words would be normalised to « », so they hold a Latin run.)
export const MARKUP_HEADLINE = 'نشست <شورا> & «شهروندان» با "R&D 21" در ناحیهٔ ۱';

export interface PortalContent {
  region: OrgUnit;
  districts: OrgUnit[];
  /** The item with a photo and comments. */
  news: NewsItem;
  /** The item whose headline is MARKUP_HEADLINE. */
  markupNews: NewsItem;
  /** An item published three days before the others (out of a news sitemap's two days). */
  olderNews: NewsItem;
  editor: { id: number; username: string; password: string };
}

async function photoBytes(): Promise<Buffer> {
  // Two colours, so the picture is not a flat field in screenshots.
  const top = await sharp({ create: { width: 1200, height: 400, channels: 3, background: { r: 40, g: 120, b: 70 } } }).png().toBuffer();
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 210, g: 180, b: 90 } } })
    .composite([{ input: top, top: 0, left: 0 }])
    .jpeg({ quality: 80 })
    .toBuffer();
}

/**
 * Seeds the content on the app's database. `dataDir` must be the app's DATA_DIR so the
 * photo's renditions are where the app serves them from.
 */
export async function seedPortalContent(database: Pick<Database, 'db'>, dataDir: string, clock: Clock = systemClock): Promise<PortalContent> {
  const org = createOrgService({ db: database.db, clock });
  const region = await org.createUnit({ kind: 'region', code: 'R21', name: 'منطقه ۲۱', areaHa: 5156 }, orgActor);
  const names = [['باشگاه نفت', 'تهرانسر شرقی'], ['شهرک آزادی'], ['وردآورد', 'ویلاشهر']];
  const districts: OrgUnit[] = [];
  for (const [i, list] of names.entries()) {
    const d = await org.createUnit({ kind: 'district', parentId: region.id, code: `R21-D${i + 1}`, name: `ناحیه ${i + 1}` }, orgActor);
    districts.push(d);
    for (const [j, name] of list.entries()) {
      await org.createUnit({ kind: 'neighbourhood', parentId: d.id, code: `R21-N${i}${j}`, name, isSample: true }, orgActor);
    }
  }
  const newsroom = createNewsroomService({ db: database.db, clock, org });
  const media = createMediaService({ db: database.db, clock, storage: createLocalDiskStorage(path.join(dataDir, 'media')) });
  const feedback = createFeedbackService({ db: database.db, clock, salt: 'portal-content' });
  const toActor = (u: { id: number; username: string; memberships: NewsActor['memberships'] }): NewsActor => ({ id: u.id, username: u.username, memberships: u.memberships });
  const reporter = toActor((await createUserWithRole(database, 'reporter', { orgUnitId: region.id })).user);
  const editorAccount = await createUserWithRole(database, 'pr_editor', { orgUnitId: region.id });
  const editor = toActor(editorAccount.user);

  const input = (d: OrgUnit, over: Partial<NewsInput> = {}): NewsInput => ({
    kind: 'news',
    overline: `در ${d.name}`,
    headline: 'بازگشایی بوستان محله با حضور شهردار منطقه',
    lead: 'بوستان محلهٔ وردآورد پس از بازسازی امروز بازگشایی شد.',
    body:
      '<p>بوستان وردآورد با ۱۲ هزار مترمربع فضای سبز بازگشایی شد.</p><h2>آنچه تازه است</h2>' +
      '<ul><li>مسیر پیاده‌روی با نورپردازی تازه</li><li>زمین بازی کودکان</li></ul>' +
      '<p>برنامهٔ بازدیدها در <a href="https://region21.tehran.ir/">تارنمای منطقه</a> آمده است.</p>',
    sourceLine: 'به نقل از روابط عمومی ناحیهٔ ۳',
    orgUnitId: String(d.id),
    serviceAreas: ['green_space'],
    ...over,
  });

  async function publish(draft: NewsItem, service = newsroom): Promise<NewsItem> {
    let item = await service.act(reporter, draft.id, 'submit', { expectedVersion: draft.version });
    item = await service.act(editor, item.id, 'approve', { expectedVersion: item.version });
    return service.act(editor, item.id, 'publish', { expectedVersion: item.version });
  }

  const threeDaysAgo: Clock = { now: () => new Date(clock.now().getTime() - 3 * 24 * 60 * 60 * 1000) };
  const past = createNewsroomService({ db: database.db, clock: threeDaysAgo, org });
  const olderNews = await publish(
    await past.createDraft(reporter, input(districts[1]!, {
        headline: 'آغاز طرح پاکیزه‌سازی جوی‌های شهرک آزادی',
        lead: 'طرح پاکیزه‌سازی جوی‌ها در شهرک آزادی آغاز شد.',
        body: '<p>لایروبی جوی‌های خیابان‌های اصلی شهرک آزادی تا پایان هفته ادامه دارد.</p>',
        serviceAreas: ['streets'],
      })),
    past,
  );

  const markupNews = await publish(
    await newsroom.createDraft(
      reporter,
      input(districts[0]!, {
        headline: MARKUP_HEADLINE,
        lead: 'لید با <b>نشانه</b> & علامت.',
        body: '<p>نشست شورای شهروندان دربارهٔ تفکیک پسماند در سرای محلهٔ باشگاه نفت برگزار شد.</p>',
        serviceAreas: ['waste'],
      }),
    ),
  );

  const draft = await newsroom.createDraft(reporter, input(districts[2]!));
  const asset = await media.ingest({ id: reporter.id, username: reporter.username, memberships: reporter.memberships }, await photoBytes(), {
    filename: 'bustan.jpg',
    caption: 'شهردار منطقه در مراسم بازگشایی بوستان وردآورد',
    alt: 'گروهی از ساکنان کنار ورودی بوستان تازه‌سازی‌شده',
    credit: 'روابط عمومی ناحیهٔ ۳',
  });
  await media.attach({ id: reporter.id, username: reporter.username, memberships: reporter.memberships }, 'news', draft.id, asset.id);
  const news = await publish(draft);

  const visitor = { ip: '10.9.8.7', userAgent: 'portal-content' };
  await feedback.submitComment(news.id, commentInputSchema.parse({ name: 'مریم رضایی', contact: 'maryam@example.com', body: 'ممنون از بازسازی؛ نورپردازی مسیر شب‌ها خیلی بهتر شده است.' }), visitor);
  await feedback.submitComment(news.id, commentInputSchema.parse({ name: 'Ali R.', contact: '', body: 'آیا ساعت کار بوستان تغییر می‌کند؟' }), { ...visitor, ip: '10.9.8.8' });
  const pending = await feedback.queue({ status: 'pending' });
  const first = pending.rows.find((r) => r.authorName === 'مریم رضایی');
  if (!first) throw new Error('the seeded comment is not in the queue');
  await feedback.moderate({ userId: editor.id, label: editor.username }, first.id, { action: 'approve', version: first.version, reason: null, redactedBody: null, reply: null });

  return { region, districts, news, markupNews, olderNews, editor: { id: editorAccount.user.id, username: editorAccount.user.username, password: editorAccount.password } };
}
