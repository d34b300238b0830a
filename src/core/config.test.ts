import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has working defaults: embedded database under ./data, port 3000, demo seed on', () => {
    const c = parseConfig({}, { persistSecrets: false });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(c.seedDemo).toBe(true);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
  });

  it('lists every bad value at once, naming the variable', () => {
    try {
      parseConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', SEED_DEMO: 'maybe', SESSION_SECRET: 'short' }, { persistSecrets: false });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'SEED_DEMO', 'SESSION_SECRET']) expect(msg).toContain(name);
    }
  });

  it('rejects a port out of range and a non-http public URL', () => {
    expect(() => parseConfig({ PORT: '70000' }, { persistSecrets: false })).toThrow(/PORT/);
    expect(() => parseConfig({ PUBLIC_URL: 'ftp://x' }, { persistSecrets: false })).toThrow(/PUBLIC_URL/);
  });

  it('turns on Secure cookies for an https public URL', () => {
    const c = parseConfig({ PUBLIC_URL: 'https://region21.example/' }, { persistSecrets: false });
    expect(c.publicUrl).toBe('https://region21.example');
    expect(c.secureCookies).toBe(true);
  });

  it('generates the session secret once, keeps it in DATA_DIR with mode 0600', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shahrnama-config-'));
    const a = parseConfig({ DATA_DIR: dir });
    const b = parseConfig({ DATA_DIR: dir });
    expect(a.sessionSecret).toBe(b.sessionSecret);
    expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, 'session-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(a.sessionSecret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('treats empty variables as unset and reads SEED_DEMO=false', () => {
    const c = parseConfig({ PORT: '', SEED_DEMO: 'false', DATABASE_URL: 'postgres://u@h/db' }, { persistSecrets: false });
    expect(c.port).toBe(3000);
    expect(c.seedDemo).toBe(false);
    expect(c.databaseUrl).toBe('postgres://u@h/db');
  });
});
