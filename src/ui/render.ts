import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a full document. Text and attribute values are escaped by preact-render-to-string. */
export function renderPage(vnode: VNode): string {
  return `<!doctype html>${render(vnode)}`;
}

/** Renders a fragment for htmx swaps (no doctype). */
export function renderFragment(vnode: VNode): string {
  return render(vnode);
}
