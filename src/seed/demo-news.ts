// Demo news for the portal, filed and published through the newsroom, media and feedback
// services exactly as people would (draft → submit → approve → publish, photos with
// captions, citizens' comments approved by the desk), each at its own time in the past
// days so the home page, the archive and «most read» have something to show.
import path from 'node:path';
import sharp from 'sharp';
import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import type { Db } from '../core/db/index.js';
import type { MembershipScope } from '../core/http/current-user.js';
import { createLocalDiskStorage } from '../core/storage/index.js';
import { createFeedbackService } from '../features/feedback/index.js';
import { createMediaService } from '../features/media/index.js';
import { createNewsroomService, type NewsActor, type NewsItem } from '../features/newsroom/index.js';
import type { OrgService } from '../features/org/index.js';
import { DEMO_NEWS, DEMO_SOURCE_LINE, type DemoNewsItem, type DemoPhoto } from './region21.news.js';

/** The news photos' owner kind (the newsroom's NEWS_MEDIA_OWNER). */
const NEWS_PHOTOS = 'news';
const HOUR = 60 * 60 * 1000;

/** A clock the seed moves: each item is filed, reviewed and published at its own time. */
function movableClock(start: Date): Clock & { set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    set(d: Date) {
      t = d.getTime();
    },
  };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A simple illustration (sky, ground, and trees, buildings or water) as a JPEG. */
export async function demoPhoto(photo: DemoPhoto, width = 1600, height = 1000): Promise<Buffer> {
  const [sky, ground, accent] = photo.palette.map(escapeXml) as [string, string, string];
  const horizon = Math.round(height * 0.62);
  const shapes: string[] = [];
  if (photo.scene === 'park') {
    for (let i = 0; i < 9; i++) {
      const x = 90 + i * 180;
      const r = 60 + ((i * 37) % 50);
      shapes.push(`<rect x="${x - 8}" y="${horizon - 20}" width="16" height="${r + 40}" fill="#5b4636"/>`);
      shapes.push(`<circle cx="${x}" cy="${horizon - 30 - r / 2}" r="${r}" fill="${accent}" opacity="0.9"/>`);
    }
  } else if (photo.scene === 'street') {
    for (let i = 0; i < 8; i++) {
      const w = 150 + ((i * 53) % 70);
      const h = 220 + ((i * 89) % 260);
      const x = i * 205;
      shapes.push(`<rect x="${x}" y="${horizon - h}" width="${w}" height="${h}" fill="#e8e2d6" stroke="#b9b0a0" stroke-width="4"/>`);
      for (let row = 0; row < Math.floor(h / 70); row++) {
        shapes.push(`<rect x="${x + 25}" y="${horizon - h + 25 + row * 70}" width="${w - 50}" height="30" fill="#9fb7c4"/>`);
      }
    }
    shapes.push(`<rect x="0" y="${horizon + 90}" width="${width}" height="140" fill="#4a4f54"/>`);
    for (let x = 40; x < width; x += 200) shapes.push(`<rect x="${x}" y="${horizon + 155}" width="110" height="12" fill="${accent}"/>`);
  } else {
    shapes.push(`<ellipse cx="${width / 2}" cy="${horizon + 160}" rx="${width * 0.46}" ry="150" fill="${accent}" opacity="0.85"/>`);
    for (let i = 0; i < 14; i++) {
      const x = 40 + i * 115;
      shapes.push(`<circle cx="${x}" cy="${horizon - 40}" r="${45 + ((i * 29) % 25)}" fill="#3f7a4a"/>`);
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width}" height="${horizon}" fill="${sky}"/>
    <circle cx="${width - 220}" cy="170" r="85" fill="#fff4c2"/>
    <rect y="${horizon}" width="${width}" height="${height - horizon}" fill="${ground}"/>
    ${shapes.join('\n')}
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

function bodyHtml(item: DemoNewsItem): string {
  return item.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('');
}

export interface DemoNewsDeps {
  /** The seed's handle (its transaction): services built on it run their rules as in the app. */
  db: Db;
  config: Config;
  org: OrgService;
  /** The demo users by username, with their memberships. */
  users: ReadonlyMap<string, { id: number; username: string; memberships: MembershipScope[] }>;
  clock: Clock;
}

export interface DemoNewsResult {
  published: number;
  photos: number;
  comments: number;
}

export async function seedDemoNews(deps: DemoNewsDeps): Promise<DemoNewsResult> {
  const now = deps.clock.now();
  const clock = movableClock(now);
  const { db, org } = deps;
  const media = createMediaService({ db, clock, storage: createLocalDiskStorage(path.join(deps.config.dataDir, 'media')), dedupe: false });
  const newsroom = createNewsroomService({ db, clock, org, beforeSubmit: [({ item, tx }) => media.missingForSubmit(NEWS_PHOTOS, item.id, tx)] });
  const feedback = createFeedbackService({ db, clock, salt: deps.config.sessionSecret });

  const user = (username: string): NewsActor => {
    const u = deps.users.get(username);
    if (!u) throw new Error(`demo news: no demo user ${username}`);
    return { id: u.id, username: u.username, memberships: u.memberships };
  };
  const editor = user('pr.editor');
  const unitId = async (code: string | 'region') => {
    const unit = code === 'region' ? await org.getRegion() : await org.getUnitByCode(code);
    if (!unit) throw new Error(`demo news: no unit ${code}`);
    return unit.id;
  };

  const result: DemoNewsResult = { published: 0, photos: 0, comments: 0 };
  let visitor = 0;
  // Oldest first, so ids follow publication order as they would in real life.
  const ordered = [...DEMO_NEWS].sort((a, b) => b.hoursAgo - a.hoursAgo);
  for (const demo of ordered) {
    const publishedAt = new Date(now.getTime() - demo.hoursAgo * HOUR);
    const writer = user(demo.writer);
    clock.set(new Date(publishedAt.getTime() - 95 * 60_000));
    let item: NewsItem = await newsroom.createDraft(writer, {
      kind: demo.kind,
      overline: demo.overline,
      headline: demo.headline,
      lead: demo.lead,
      body: bodyHtml(demo),
      sourceLine: DEMO_SOURCE_LINE,
      orgUnitId: await unitId(demo.unit),
      neighbourhoodId: demo.neighbourhood ? await unitId(demo.neighbourhood) : undefined,
      serviceAreas: demo.serviceAreas,
    });
    for (const [i, photo] of (demo.photos ?? []).entries()) {
      const asset = await media.ingest(writer, await demoPhoto(photo), {
        filename: `demo-${item.id}-${i + 1}.jpg`,
        caption: photo.caption,
        alt: photo.alt,
        credit: 'روابط عمومی منطقه ۲۱ (تصویر نمونه)',
      });
      await media.attach(writer, NEWS_PHOTOS, item.id, asset.id);
      result.photos++;
    }
    clock.set(new Date(publishedAt.getTime() - 60 * 60_000));
    item = await newsroom.act(writer, item.id, 'submit', { expectedVersion: item.version });
    clock.set(new Date(publishedAt.getTime() - 20 * 60_000));
    item = await newsroom.act(editor, item.id, 'approve', { expectedVersion: item.version });
    clock.set(publishedAt);
    item = await newsroom.act(editor, item.id, 'publish', { expectedVersion: item.version });
    if (demo.featured) item = await newsroom.setFeatured(editor, item.id, true, item.version);
    result.published++;

    for (const [i, c] of (demo.comments ?? []).entries()) {
      clock.set(new Date(publishedAt.getTime() + (i + 1) * 25 * 60_000));
      visitor++;
      // Documentation addresses (RFC 5737): one per demo citizen.
      await feedback.submitComment(item.id, { name: c.name, contact: null, body: c.text }, { ip: `192.0.2.${visitor}`, userAgent: 'demo seed' });
      const pending = await feedback.queue({ status: 'pending' });
      const mine = pending.rows.find((r) => r.newsId === item.id && r.authorName === c.name);
      if (!mine) throw new Error('demo news: the demo comment did not reach the queue');
      const moderator = { userId: editor.id, label: editor.username };
      const base = { reason: null, redactedBody: null, reply: null, status: undefined };
      let approved = await feedback.moderate(moderator, mine.id, { ...base, action: 'approve', version: mine.version });
      if (c.reply) approved = await feedback.moderate(moderator, mine.id, { ...base, action: 'reply', reply: c.reply, version: approved.version });
      result.comments++;
    }
  }
  return result;
}
