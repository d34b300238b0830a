import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { radiosExamples } from './radios.examples.js';
import { Radios } from './radios.js';

describe('Radios', () => {
  it.each(radiosExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Radios, props);
    expect(markupProblems(html)).toEqual([]);
    expect(textOf(html)).toContain(props.legend);
    const inputs = findTags(html, 'input', 'type', 'radio');
    expect(inputs.length).toBe(props.items.length);
    expect(inputs[0]?.attrs.get('id')).toBe(props.idPrefix ?? props.name);
    const checked = inputs.filter((i) => i.attrs.has('checked')).map((i) => i.attrs.get('value'));
    expect(checked).toEqual(props.value ? [props.value] : []);
    if (props.legendIsPageHeading) expect(html).toMatch(/<legend[^>]*><h1/);
    if (props.inline) expect(html).toContain('radios--inline');
    if (props.error) expect(html).toContain(`id="${props.idPrefix ?? props.name}-error"`);
  });

  it('escapes labels', () => {
    expect(isEscaped(renderComponent(Radios, { name: 'r', legend: 'x', items: [{ value: 'a', label: hostileText }] }))).toBe(true);
  });
});
