import { describe, expect, it } from 'vitest';
import { hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { flashExamples } from './flash.examples.js';
import { Flash } from './flash.js';

describe('Flash', () => {
  it.each(flashExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Flash, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain('role="status"');
    expect(html).toContain(`flash--${props.kind}`);
    expect(textOf(html)).toContain(props.text);
    // The kind is said in words for screen readers, not only by colour and icon.
    expect(html).toMatch(/<span class="visually-hidden">(انجام شد|خطا|توجه):/);
  });

  it('escapes the text', () => {
    expect(isEscaped(renderComponent(Flash, { kind: 'error', text: hostileText }))).toBe(true);
  });
});
