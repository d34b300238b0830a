import { h, type ComponentType } from 'preact';
import { render } from 'preact-render-to-string';

/** Renders a component with props to an HTML string, as a page would. */
export function renderComponent<P extends object>(Component: ComponentType<P> | ((props: P) => unknown), props: P): string {
  return render(h(Component as ComponentType<P>, props));
}
