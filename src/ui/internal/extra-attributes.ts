/**
 * Pass-through attributes for htmx (`hx-*`) and enhancement hooks (`data-*`).
 * Limited to these prefixes so no `on*` handler or `style` can slip in (strict CSP).
 */
export type ExtraAttributes = Partial<Record<`data-${string}` | `hx-${string}`, string>>;

const allowed = /^(data|hx)-[a-z0-9-]+$/;

/**
 * Drops any key outside the allowed prefixes, in case a caller bypasses the type. `hx-*`
 * is written as `data-hx-*`: htmx reads both, and only the `data-` form is valid HTML.
 */
export function safeAttributes(attributes: ExtraAttributes | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!attributes) return out;
  for (const [key, value] of Object.entries(attributes)) {
    if (value !== undefined && allowed.test(key)) out[key.startsWith('hx-') ? `data-${key}` : key] = value;
  }
  return out;
}
