// pino options shared by the server and the CLI: never log secrets, passwords, cookies
// or session ids.
import type { LoggerOptions } from 'pino';
import type { LogLevel } from './config.js';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.totp',
  '*.token',
  'sessionId',
  '*.sessionId',
];

export function loggerOptions(level: LogLevel): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(req: { method?: string; url?: string; id?: string; ip?: string }) {
        // The query string can carry tokens or a next= URL; the path alone is enough for logs.
        return { id: req.id, method: req.method, url: typeof req.url === 'string' ? req.url.split('?')[0] : undefined, ip: req.ip };
      },
    },
  };
}
