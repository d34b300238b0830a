import { describe, expect, it } from 'vitest';
import { byId, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { dateFieldExamples } from './date-field.examples.js';
import { DateField } from './date-field.js';

describe('DateField', () => {
  it.each(dateFieldExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(DateField, props);
    expect(markupProblems(html)).toEqual([]);
    const id = props.id ?? props.name;
    const input = byId(html, id);
    // Works without JavaScript: a plain text input with a numeric keyboard and a format hint.
    expect(input?.attrs.get('type')).toBe('text');
    expect(input?.attrs.get('inputmode')).toBe('numeric');
    expect(textOf(html)).toContain('مثلاً ۱۴۰۵/۰۹/۰۸');
    expect(input?.attrs.get('aria-describedby')).toContain(`${id}-hint`);
    expect(html).toContain('data-module="jalali-date-picker"');
    if (props.value) expect(input?.attrs.get('value')).toBe(props.value);
    if (props.min) expect(html).toContain(`data-min="${props.min}"`);
    if (props.error) {
      expect(input?.attrs.get('aria-invalid')).toBe('true');
      expect(input?.attrs.get('aria-describedby')).toContain(`${id}-error`);
    }
  });

  it('escapes the value and label', () => {
    expect(isEscaped(renderComponent(DateField, { name: 'd', label: hostileText, value: hostileText }))).toBe(true);
  });
});
