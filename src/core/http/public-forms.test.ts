// The same-origin check that stands in for a CSRF token on anonymous public forms.
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CROSS_SITE_MESSAGE, publicFormRefusal } from './public-forms.js';

function req(headers: Record<string, string>, o: { protocol?: string; host?: string } = {}): FastifyRequest {
  return { headers, protocol: o.protocol ?? 'http', host: o.host ?? 'app.internal:3000' } as unknown as FastifyRequest;
}

const PUBLIC = 'https://shahr.example';

describe('publicFormRefusal', () => {
  it('allows the request’s own origin and the public URL’s, by Origin or else Referer', () => {
    expect(publicFormRefusal(req({ origin: 'http://app.internal:3000' }), PUBLIC)).toBeNull();
    expect(publicFormRefusal(req({ origin: 'https://shahr.example' }), PUBLIC)).toBeNull();
    expect(publicFormRefusal(req({ referer: 'https://shahr.example/news/x?y=1' }), PUBLIC)).toBeNull();
    expect(publicFormRefusal(req({ 'sec-fetch-site': 'same-origin', origin: 'https://shahr.example' }), PUBLIC)).toBeNull();
    // No Origin, no Referer (an old browser, a script): nothing a forgery could borrow.
    expect(publicFormRefusal(req({}), PUBLIC)).toBeNull();
  });

  it('refuses cross-site requests with a Persian 403', () => {
    const refused: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://shahr.example' },
      { origin: 'https://evil.example' },
      { origin: 'https://shahr.example.evil.example' },
      { origin: 'http://shahr.example' },
      { origin: 'null' },
      { referer: 'https://evil.example/https://shahr.example/' },
      { referer: 'javascript:alert(1)' },
    ];
    for (const headers of refused) {
      const err = publicFormRefusal(req(headers), PUBLIC);
      expect(err?.status, JSON.stringify(headers)).toBe(403);
      expect(err?.userMessage).toBe(CROSS_SITE_MESSAGE);
    }
  });

  it('takes Origin over Referer', () => {
    expect(publicFormRefusal(req({ origin: 'https://evil.example', referer: 'https://shahr.example/' }), PUBLIC)?.status).toBe(403);
  });
});
