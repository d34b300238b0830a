// A published news page is light: its HTML, the stylesheets it links and every script it
// loads (including the islands app.js would import for the page's data-module elements),
// photos and fonts excluded, transfer at most 60 KB; and nothing blocks rendering (every
// external script is a module, defer or async, or sits at the end of the body; no
// executable inline script in <head> beyond a trivial one).
//
// "Transfer" is measured gzip-compressed (level 6, what a compressing reverse proxy or
// CDN sends). The raw sizes are checked too, against a looser bound, so a growth shows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app.js';
import { seedPortalContent, type PortalContent } from './helpers/portal-content.js';

const TRANSFER_BUDGET = 60 * 1024;
/** Raw bytes: what the page costs without any compression (the app does not compress). */
const RAW_BUDGET = 160 * 1024;
/** An inline script in <head> up to this size (e.g. a class toggle) does not count as blocking. */
const TRIVIAL_INLINE = 256;

/** Executable script types (an absent type is JavaScript); JSON-LD and templates do not run. */
const isExecutable = (type: string | undefined) => type === undefined || type === '' || /^(module|text\/javascript|application\/javascript)$/i.test(type);

interface Tag {
  attrs: Map<string, string>;
  index: number;
  inner: string;
}

function attrsOf(raw: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of raw.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    attrs.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

function scripts(html: string): Tag[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attrs: attrsOf(m[1]!), index: m.index!, inner: m[2]! }));
}

function links(html: string): Map<string, string>[] {
  return [...html.matchAll(/<link\b([^>]*)>/gi)].map((m) => attrsOf(m[1]!));
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'shahrnama-weight-'));
const { app, database } = await buildTestApp({ env: { PUBLIC_URL: 'https://shahr.example', DATA_DIR: dataDir } });

let content: PortalContent;
let html: string;
const assets = new Map<string, Buffer>();

async function fetchAsset(url: string): Promise<Buffer> {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, url).toBe(200);
  return res.rawPayload;
}

beforeAll(async () => {
  content = await seedPortalContent(database, dataDir);
  const res = await app.inject({ method: 'GET', url: `/news/${encodeURIComponent(content.news.slug!)}` });
  expect(res.statusCode).toBe(200);
  html = res.body;

  for (const l of links(html)) {
    if ((l.get('rel') ?? '').split(/\s+/).includes('stylesheet')) assets.set(l.get('href')!, await fetchAsset(l.get('href')!));
  }
  const sources = scripts(html)
    .map((s) => s.attrs.get('src'))
    .filter((s): s is string => s !== undefined);
  for (const src of sources) assets.set(src, await fetchAsset(src));
  // Islands app.js loads for the page's data-module elements count as the page's scripts.
  const appJs = assets.get('/static/js/app.js')?.toString('utf8') ?? '';
  for (const m of html.matchAll(/data-module="([^"]+)"/g)) {
    const island = new RegExp(`['"]?${m[1]}['"]?\\s*:\\s*\\(\\)\\s*=>\\s*import\\(\\s*['"]\\./([^'"]+)['"]`).exec(appJs);
    if (island) assets.set(`/static/js/${island[1]}`, await fetchAsset(`/static/js/${island[1]}`));
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('news page weight', () => {
  it('loads only our own stylesheets and scripts, and at least the site stylesheet', () => {
    expect([...assets.keys()]).toContain('/static/css/app.css');
    for (const url of assets.keys()) expect(url, url).toMatch(/^\/static\//);
  });

  it('does not load htmx (the portal uses none; the staff pages do)', () => {
    expect([...assets.keys()].some((url) => url.includes('htmx'))).toBe(false);
    expect(html).not.toContain('htmx-config');
  });

  it(`transfers at most ${TRANSFER_BUDGET / 1024} KB (HTML + CSS + scripts, gzip; photos and fonts excluded)`, () => {
    const parts = [['page', Buffer.from(html)] as const, ...assets];
    const rows = parts.map(([name, bytes]) => ({ name, raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length }));
    const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
    const table = rows.map((r) => `${r.name}: ${r.raw} B raw, ${r.gzip} B gzip`).join('\n');
    console.log(`news page weight:\n${table}\ntotal: ${total.raw} B raw, ${total.gzip} B gzip`);
    // Fonts and photos are not in the list: only stylesheets and scripts were fetched.
    expect(rows.some((r) => /\.(woff2?|ttf|jpe?g|png|webp|avif)$/i.test(r.name))).toBe(false);
    expect(total.gzip, table).toBeLessThanOrEqual(TRANSFER_BUDGET);
    expect(total.raw, table).toBeLessThanOrEqual(RAW_BUDGET);
  });

  it('has no render-blocking script', () => {
    const bodyEnd = html.lastIndexOf('</body>');
    const headEnd = html.indexOf('</head>');
    expect(headEnd).toBeGreaterThan(0);
    const all = scripts(html);
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) {
      const type = s.attrs.get('type');
      if (!isExecutable(type)) continue; // JSON-LD and the like do not run
      if (s.attrs.has('src')) {
        const deferred = type?.toLowerCase() === 'module' || s.attrs.has('defer') || s.attrs.has('async');
        // A classic script is fine only as the last thing in the body.
        const atEnd = s.index > headEnd && html.slice(s.index, bodyEnd).replace(/<script\b[\s\S]*?<\/script>/gi, '').trim() === '';
        expect(deferred || atEnd, `blocking <script src="${s.attrs.get('src')}">`).toBe(true);
      } else if (s.index < headEnd) {
        expect(s.inner.trim().length, 'inline script in <head>').toBeLessThanOrEqual(TRIVIAL_INLINE);
      }
    }
  });

  it('the script checks are not blind: a blocking script is seen as one, JSON-LD is not', () => {
    const blocking = '<html><head><script src="/x.js"></script></head><body><p>x</p></body></html>';
    const [s] = scripts(blocking);
    expect(isExecutable(s!.attrs.get('type'))).toBe(true);
    expect(s!.attrs.has('defer') || s!.attrs.has('async') || s!.attrs.get('type') === 'module').toBe(false);
    expect(scripts('<script type="application/ld+json">{}</script>').every((x) => !isExecutable(x.attrs.get('type')))).toBe(true);
  });
});
