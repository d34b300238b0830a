import { describe, expect, it } from 'vitest';
import { byId, hostileText, isEscaped, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { checkboxFieldExamples } from './checkbox-field.examples.js';
import { CheckboxField } from './checkbox-field.js';

describe('CheckboxField', () => {
  it.each(checkboxFieldExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(CheckboxField, props);
    expect(markupProblems(html)).toEqual([]);
    const id = props.id ?? props.name;
    const input = byId(html, id);
    expect(input?.attrs.get('type')).toBe('checkbox');
    expect(input?.attrs.get('value')).toBe(props.value ?? 'on');
    expect(input?.attrs.has('checked')).toBe(Boolean(props.checked));
    expect(html).toContain(`for="${id}"`);
    if (props.hint) expect(input?.attrs.get('aria-describedby')).toContain(`${id}-hint`);
    if (props.error) {
      expect(input?.attrs.get('aria-invalid')).toBe('true');
      expect(input?.attrs.get('aria-describedby')).toContain(`${id}-error`);
    }
  });

  it('escapes the label', () => {
    expect(isEscaped(renderComponent(CheckboxField, { name: 'c', label: hostileText }))).toBe(true);
  });
});
