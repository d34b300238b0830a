// Whole-app plumbing: health, readiness, metrics, security headers, self-hosted assets,
// and the Persian answers to malformed requests.
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers/build-app.js';

const { app } = await buildTestApp();

describe('operations endpoints', () => {
  it('/healthz answers', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database and the migrations', async () => {
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toBe('ok');
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it('/metrics serves Prometheus text with request counters', async () => {
    await app.inject('/healthz');
    const res = await app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\}/);
    expect(res.body).toMatch(/process_cpu_user_seconds_total/);
  });
});

describe('security headers', () => {
  it('sends a strict CSP with no inline script and no outside origin', async () => {
    const res = await app.inject('/login');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('every response carries them: a public page (first render and cached), a 404, a 304', async () => {
    const first = await app.inject('/');
    const cached = await app.inject('/');
    const missing = await app.inject('/no-such-page');
    const notModified = await app.inject({ url: '/', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    for (const res of [first, cached, missing, notModified]) {
      expect(res.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined(); // plain-HTTP test config
    }
  });

  it('pages are Persian, right-to-left', async () => {
    const res = await app.inject('/login');
    expect(res.body).toMatch(/<html[^>]*lang="fa"[^>]*dir="rtl"|<html[^>]*dir="rtl"[^>]*lang="fa"/);
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(res.body).not.toMatch(/\sstyle="/); // no inline style (CSP)
  });
});

describe('self-hosted assets', () => {
  it('serves the stylesheet, the Vazirmatn font and htmx from the app', async () => {
    const css = await app.inject('/static/css/app.css');
    expect(css.statusCode).toBe(200);
    const font = /url\(["']?(\/static\/fonts\/[^"')]+)/.exec(css.body)?.[1];
    expect(font).toBeDefined();
    const f = await app.inject(decodeURI(font!).replace(/\[|\]/g, (c) => encodeURIComponent(c)));
    expect(f.statusCode).toBe(200);
    expect(f.headers['content-type']).toMatch(/font\/woff2/);
    const htmx = await app.inject('/static/vendor/htmx/htmx.min.js');
    expect(htmx.statusCode).toBe(200);
    const other = await app.inject('/static/vendor/htmx/htmx.js');
    expect(other.statusCode).toBe(404);
  });
});

describe('malformed requests get Persian answers', () => {
  it('unknown page: 404 in Persian', async () => {
    const res = await app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('پیدا نشد');
  });

  it('a JSON body with __proto__ is refused with 400', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: '{"username":"a","__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('a broken JSON body is refused with 400 in Persian', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      payload: '{"username":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('JSON');
  });

  it('a POST without a CSRF token is refused with 403 in Persian', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: 'username=admin&password=x',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toMatch(/فرم/);
  });
});
