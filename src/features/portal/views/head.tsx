// The portal layout has no slot for extra head elements, so the portal adds its own
// (feed links, canonical, Open Graph, JSON-LD) to the rendered document before </head>.
import { render } from 'preact-render-to-string';
import type { PortalHeadLink } from './portal-view-models.js';

export interface PortalHead {
  links?: PortalHeadLink[];
  /** Open Graph and similar: `<meta property content>`. */
  meta?: Array<{ property: string; content: string }>;
  /** Structured data; serialised with `<` escaped so it can never close the script element. */
  jsonLd?: unknown;
}

/** JSON for a `<script type="application/ld+json">`: data, never executed; `<` escaped as \u003c. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function renderHead(head: PortalHead): string {
  const elements = render(
    <>
      {(head.links ?? []).map((l) => (
        <link key={`${l.rel} ${l.href}`} rel={l.rel} type={l.type} href={l.href} title={l.title} />
      ))}
      {(head.meta ?? []).map((m) => (
        <meta key={`${m.property} ${m.content}`} property={m.property} content={m.content} />
      ))}
    </>,
  );
  const ld = head.jsonLd === undefined ? '' : `<script type="application/ld+json">${jsonLdText(head.jsonLd)}</script>`;
  return elements + ld;
}

/** Inserts the extra head elements into a rendered document (once, before its first </head>). */
export function withHead(html: string, head: PortalHead): string {
  const extra = renderHead(head);
  if (extra === '') return html;
  const at = html.indexOf('</head>');
  return at === -1 ? html : html.slice(0, at) + extra + html.slice(at);
}
