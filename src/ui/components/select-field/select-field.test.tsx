import { describe, expect, it } from 'vitest';
import { byId, findTags, hostileText, isEscaped, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { selectFieldExamples } from './select-field.examples.js';
import { SelectField } from './select-field.js';

describe('SelectField', () => {
  it.each(selectFieldExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(SelectField, props);
    expect(markupProblems(html)).toEqual([]);
    const id = props.id ?? props.name;
    expect(byId(html, id)?.name).toBe('select');
    expect(html).toContain(`for="${id}"`);
    const options = findTags(html, 'option');
    expect(options.length).toBe(props.options.length + (props.placeholder !== undefined ? 1 : 0));
    const selected = options.filter((o) => o.attrs.has('selected')).map((o) => o.attrs.get('value'));
    expect(selected).toEqual(props.value ? [props.value] : props.placeholder !== undefined ? [''] : []);
    if (props.error) expect(byId(html, id)?.attrs.get('aria-invalid')).toBe('true');
  });

  it('escapes option labels and values', () => {
    const html = renderComponent(SelectField, { name: 's', label: 'گزینه', options: [{ value: '"x', label: hostileText }] });
    expect(isEscaped(html)).toBe(true);
    expect(findTags(html, 'option')[0]?.attrs.get('value')).toBe('"x');
  });
});
