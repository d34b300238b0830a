import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, parseTags, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { checkboxesExamples } from './checkboxes.examples.js';
import { Checkboxes } from './checkboxes.js';

describe('Checkboxes', () => {
  it.each(checkboxesExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Checkboxes, props);
    expect(markupProblems(html)).toEqual([]);
    expect(textOf(html)).toContain(props.legend);
    const inputs = findTags(html, 'input', 'type', 'checkbox');
    expect(inputs.length).toBe(props.items.length);
    const prefix = props.idPrefix ?? props.name;
    // The error summary links to the first box.
    expect(inputs[0]?.attrs.get('id')).toBe(prefix);
    expect(inputs.every((i) => i.attrs.get('name') === props.name)).toBe(true);
    expect(inputs.filter((i) => i.attrs.has('checked')).map((i) => i.attrs.get('value'))).toEqual(props.values ?? []);
    const fieldset = parseTags(html).find((t) => t.name === 'fieldset');
    if (props.hint) expect(fieldset?.attrs.get('aria-describedby')).toContain(`${prefix}-hint`);
    if (props.error) {
      expect(fieldset?.attrs.get('aria-describedby')).toContain(`${prefix}-error`);
      expect(html).toContain('خطا:');
    }
  });

  it('ties item hints to their own box', () => {
    const html = renderComponent(Checkboxes, { name: 'c', legend: 'پوشش', items: [{ value: 'a', label: 'الف', hint: 'توضیح' }] });
    expect(findTags(html, 'input')[0]?.attrs.get('aria-describedby')).toBe('c-item-hint');
  });

  it('escapes legend and labels', () => {
    expect(isEscaped(renderComponent(Checkboxes, { name: 'c', legend: hostileText, items: [{ value: 'a', label: hostileText }] }))).toBe(true);
  });
});
