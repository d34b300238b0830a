import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './log.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { log: pino(loggerOptions('info'), stream), lines };
}

describe('logger', () => {
  it('never writes passwords, cookies, tokens or session ids', () => {
    const { log, lines } = capture();
    log.info({ password: 'hunter2-secret', form: { password: 'p2-secret', newPassword: 'p3-secret', totp: '123456' } }, 'x');
    log.info({ req: { headers: { cookie: 'sid=abc-secret', authorization: 'Bearer tok-secret' } } }, 'y');
    log.info({ sessionId: 'sess-secret', body: { token: 'api-secret' } }, 'z');
    const out = lines.join('\n');
    for (const secret of ['hunter2-secret', 'p2-secret', 'p3-secret', '123456', 'abc-secret', 'tok-secret', 'sess-secret', 'api-secret']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });

  it('logs the request path without its query string', () => {
    const { log, lines } = capture();
    log.info({ req: { id: '1', method: 'GET', url: '/login?next=%2Fstaff&token=x', ip: '127.0.0.1' } }, 'r');
    expect(lines.join('')).toContain('"url":"/login"');
    expect(lines.join('')).not.toContain('token=x');
  });
});
