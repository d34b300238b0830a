// The outcome of a public form is shown by a cacheable variant of the page it returns to
// (`?satisfaction=thanks`), not by a cookie flash: these map the query to the message.
import { SATISFACTION_ALREADY, SATISFACTION_THANKS } from './feedback.service.js';

/** The district page's `?satisfaction=` value → the message SatisfactionForm shows (or undefined). */
export function satisfactionStatusMessage(query: unknown): string | undefined {
  const v = query && typeof query === 'object' ? (query as Record<string, unknown>).satisfaction : undefined;
  if (v === 'thanks') return SATISFACTION_THANKS;
  if (v === 'already') return SATISFACTION_ALREADY;
  return undefined;
}
