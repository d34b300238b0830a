import type { ComponentChildren } from 'preact';
import { Flash } from '../components/flash/flash.js';
import type { FlashMessage, NavItem } from './layout-props.js';

/** Where the lead serves vendored browser code (see src/app.ts). */
export const htmxScriptPath = '/static/vendor/htmx/htmx.min.js';

const scriptName = /^[a-z0-9][a-z0-9-]*\.js$/;

/**
 * The variable font the vazirmatn package ships as `Vazirmatn[wght].woff2`. "[" and "]" are
 * not allowed raw in a URL path, so they are percent-encoded here and in app.css (the same
 * URL, so the preload is the file the stylesheet uses).
 */
export const fontPath = '/static/fonts/Vazirmatn%5Bwght%5D.woff2';

/*
 * htmx must not inject its indicator <style> or evaluate strings: the CSP
 * allows only 'self' for scripts and styles.
 */
const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
});

interface DocumentProps {
  title: string;
  hasErrors?: boolean;
  bodyClass: string;
  scripts?: string[];
  /** Loads htmx (default). The public portal uses none: its pages skip the 52 KB. */
  htmx?: boolean;
  children: ComponentChildren;
}

/**
 * `<html>` with the head every page shares. Scripts are modules from our own origin only;
 * module scripts are deferred by nature, and HTML forbids `defer` on them.
 */
export function Document(props: DocumentProps) {
  const extra = (props.scripts ?? []).filter((s) => scriptName.test(s) && s !== 'app.js');
  const htmx = props.htmx ?? true;
  return (
    <html lang="fa" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        {htmx && <meta name="htmx-config" content={htmxConfig} />}
        <title>{props.hasErrors ? `خطا: ${props.title}` : props.title}</title>
        <link rel="preload" href={fontPath} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href="/static/css/app.css" />
        <link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml" />
        {htmx && <script type="module" src={htmxScriptPath} />}
        <script type="module" src="/static/js/app.js" />
        {extra.map((s) => (
          <script key={s} type="module" src={`/static/js/${s}`} />
        ))}
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          پرش به محتوای اصلی
        </a>
        {props.children}
      </body>
    </html>
  );
}

export function SiteNav(props: { items: NavItem[] | undefined; label: string }) {
  if (!props.items || props.items.length === 0) return null;
  return (
    <nav class="site-nav" aria-label={props.label}>
      <ul class="site-nav__list page-width">
        {props.items.map((item) => (
          <li class="site-nav__item" key={item.href}>
            <a class="site-nav__link" href={item.href} aria-current={item.current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The page column: optional content above main, then main with the flash message first. */
export function PageBody(props: { beforeContent?: ComponentChildren; flash?: FlashMessage; children: ComponentChildren }) {
  return (
    <div class="page-width page-body">
      {props.beforeContent !== undefined && <div class="before-content">{props.beforeContent}</div>}
      <main id="main" class="main" tabindex={-1}>
        {props.flash && <Flash kind={props.flash.kind} text={props.flash.text} />}
        {props.children}
      </main>
    </div>
  );
}

export function FooterLinks(props: { items: NavItem[] | undefined }) {
  if (!props.items || props.items.length === 0) return null;
  return (
    <ul class="site-footer__links">
      {props.items.map((item) => (
        <li key={item.href}>
          <a href={item.href}>{item.label}</a>
        </li>
      ))}
    </ul>
  );
}
