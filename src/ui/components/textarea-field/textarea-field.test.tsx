import { describe, expect, it } from 'vitest';
import { byId, hostileText, isEscaped, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { textareaFieldExamples } from './textarea-field.examples.js';
import { TextareaField } from './textarea-field.js';

describe('TextareaField', () => {
  it.each(textareaFieldExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(TextareaField, props);
    expect(markupProblems(html)).toEqual([]);
    const id = props.id ?? props.name;
    const textarea = byId(html, id);
    expect(textarea?.name).toBe('textarea');
    expect(html).toContain(`for="${id}"`);
    expect(textarea?.attrs.get('dir')).toBe('auto');
    if (props.value) expect(html).toContain(`>${props.value}</textarea>`);
    if (props.error) {
      expect(textarea?.attrs.get('aria-invalid')).toBe('true');
      expect(textarea?.attrs.get('aria-describedby')).toContain(`${id}-error`);
    }
    if (props.hint) expect(textarea?.attrs.get('aria-describedby')).toContain(`${id}-hint`);
  });

  it('escapes the value, so a closing tag cannot end the textarea', () => {
    const html = renderComponent(TextareaField, { name: 'b', label: 'متن', value: `</textarea>${hostileText}` });
    expect(isEscaped(html)).toBe(true);
    expect(html.match(/<\/textarea>/g)?.length).toBe(1);
  });
});
