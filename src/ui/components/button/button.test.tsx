import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { buttonExamples } from './button.examples.js';
import { Button } from './button.js';

describe('Button', () => {
  it.each(buttonExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Button, props);
    expect(markupProblems(html)).toEqual([]);
    const variant = props.variant ?? 'primary';
    expect(html).toContain(variant === 'primary' ? 'class="button"' : `button--${variant}`);
    if (props.href !== undefined) {
      expect(findTags(html, 'a', 'href', props.href).length).toBe(1);
      expect(html).not.toContain('<button');
    } else {
      expect(findTags(html, 'button')[0]?.attrs.get('type')).toBe(props.type ?? 'submit');
      if (props.disabled) expect(html).toContain(' disabled');
    }
    if (props.confirm) expect(html).toContain(`data-confirm="${props.confirm}"`);
  });

  it('escapes text and the confirm question', () => {
    const html = renderComponent(Button, { children: hostileText, confirm: `"${hostileText}` });
    expect(isEscaped(html)).toBe(true);
    expect(findTags(html, 'button')[0]?.attrs.get('data-confirm')).toBe(`"${hostileText}`);
  });
});
