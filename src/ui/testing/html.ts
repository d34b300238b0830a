/**
 * Small HTML inspection helpers for component tests. preact-render-to-string
 * always writes double-quoted attributes, so a tag scanner is enough here; this
 * is not a general HTML parser.
 */
export interface Tag {
  name: string;
  attrs: Map<string, string>;
}

const tagPattern = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*\/?>/g;
const attrPattern = /([^\s"'>/=]+)(?:="([^"]*)")?/g;

function decode(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function parseTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(tagPattern)) {
    const attrs = new Map<string, string>();
    for (const attr of (match[2] ?? '').matchAll(attrPattern)) {
      attrs.set((attr[1] ?? '').toLowerCase(), decode(attr[2] ?? ''));
    }
    tags.push({ name: (match[1] ?? '').toLowerCase(), attrs });
  }
  return tags;
}

export function findTags(html: string, name: string, attr?: string, value?: string): Tag[] {
  return parseTags(html).filter(
    (t) => t.name === name && (attr === undefined || (t.attrs.has(attr) && (value === undefined || t.attrs.get(attr) === value))),
  );
}

export function byId(html: string, id: string): Tag | undefined {
  return parseTags(html).find((t) => t.attrs.get('id') === id);
}

const labelled = new Set(['input', 'select', 'textarea']);
const unlabelledInputTypes = new Set(['hidden', 'submit', 'button', 'reset', 'image']);

/**
 * Structural accessibility and CSP checks shared by all component tests.
 * Returns a list of human-readable problems; an empty list means clean.
 */
export function markupProblems(html: string): string[] {
  const problems: string[] = [];
  const tags = parseTags(html);
  const ids = new Map<string, number>();
  for (const t of tags) {
    const id = t.attrs.get('id');
    if (id !== undefined) ids.set(id, (ids.get(id) ?? 0) + 1);
  }
  for (const [id, count] of ids) if (count > 1) problems.push(`duplicate id "${id}"`);

  const labelFor = new Set(tags.filter((t) => t.name === 'label' && t.attrs.has('for')).map((t) => t.attrs.get('for')));
  for (const f of labelFor) if (f !== undefined && !ids.has(f)) problems.push(`label for="${f}" has no target`);

  for (const t of tags) {
    for (const a of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
      const refs = t.attrs.get(a);
      if (refs === undefined) continue;
      for (const ref of refs.split(/\s+/).filter(Boolean)) {
        if (!ids.has(ref)) problems.push(`<${t.name}> ${a} refers to missing id "${ref}"`);
      }
    }
    if (labelled.has(t.name) && !unlabelledInputTypes.has(t.attrs.get('type') ?? '')) {
      const id = t.attrs.get('id');
      if (!t.attrs.has('aria-label') && !t.attrs.has('aria-labelledby') && (id === undefined || !labelFor.has(id))) {
        problems.push(`<${t.name} name="${t.attrs.get('name') ?? ''}"> has no label`);
      }
    }
    if (t.attrs.get('aria-invalid') === 'true' && !t.attrs.has('aria-describedby')) {
      problems.push(`<${t.name}> is aria-invalid without aria-describedby`);
    }
    if (t.attrs.has('style')) problems.push(`<${t.name}> has a style attribute (CSP)`);
    for (const key of t.attrs.keys()) if (key.startsWith('on')) problems.push(`<${t.name}> has an inline handler ${key}`);
    if (t.name === 'style') problems.push('<style> element (CSP)');
    if (t.name === 'script' && !t.attrs.has('src')) problems.push('inline <script> (CSP)');
    if (t.name === 'img' && !t.attrs.has('alt')) problems.push('<img> without alt');
    if (t.name === 'a' && !t.attrs.has('href')) problems.push('<a> without href');
  }
  return problems;
}

/** A text prop that must come out escaped. */
export const hostileText = '<script>alert("x")</script>';

/** True when the hostile text appears only in escaped form. */
export function isEscaped(html: string): boolean {
  return !html.includes('<script>alert') && html.includes('&lt;script>alert');
}

/** Attribute value of the element with this id (undefined when either is missing). */
export function attrOf(html: string, id: string, attr: string): string | undefined {
  return byId(html, id)?.attrs.get(attr);
}

/** Text content with tags stripped and entities decoded (for asserting on words). */
export function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ''));
}
