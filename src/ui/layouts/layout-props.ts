import type { ComponentChildren } from 'preact';
import type { FlashProps } from '../components/flash/flash.js';

export interface NavItem {
  href: string;
  label: string;
  /** The page being shown (or a page within that section): marked with aria-current. */
  current?: boolean;
}

export type FlashMessage = FlashProps;

/** Props every layout takes. */
export interface LayoutProps {
  /** The page's own title; the layout appends the site name in `<title>`. */
  title: string;
  nav?: NavItem[];
  flash?: FlashMessage;
  /** The page shows a form with errors: `<title>` starts with «خطا: » so it is heard first (GOV.UK pattern). */
  hasErrors?: boolean;
  /** Shown above `<main>`, e.g. breadcrumbs or a back link. */
  beforeContent?: ComponentChildren;
  /** Extra enhancement modules from /static/js/, by file name (`news-editor.js`). */
  scripts?: string[];
  children: ComponentChildren;
}
