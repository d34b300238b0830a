declare const sanitized: unique symbol;

/** HTML that has already passed the server sanitiser (sanitize-html with our allow-list). */
export type SanitizedHtml = string & { readonly [sanitized]: true };

/**
 * Marks a string as sanitised. Call it only on the output of the sanitiser;
 * the brand makes every other path to RawHtml a type error.
 */
export function markSanitized(html: string): SanitizedHtml {
  return html as SanitizedHtml;
}

export interface RawHtmlProps {
  html: SanitizedHtml;
  as?: 'div' | 'section' | 'article';
  class?: string;
}

/**
 * The only place in the UI that writes HTML unescaped, for news bodies stored
 * as sanitised rich text. Everything else goes through Preact's escaping.
 */
export function RawHtml(props: RawHtmlProps) {
  const Tag = props.as ?? 'div';
  return <Tag class={props.class ?? 'prose'} dangerouslySetInnerHTML={{ __html: props.html }} />;
}
