import { describe, expect, it } from 'vitest';
import { byId, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { textFieldExamples } from './text-field.examples.js';
import { TextField } from './text-field.js';

describe('TextField', () => {
  it.each(textFieldExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(TextField, props);
    expect(markupProblems(html)).toEqual([]);
    const id = props.id ?? props.name;
    const input = byId(html, id);
    expect(input?.name).toBe('input');
    expect(input?.attrs.get('name')).toBe(props.name);
    expect(html).toContain(`for="${id}"`);
    const describedBy = (input?.attrs.get('aria-describedby') ?? '').split(' ');
    if (props.hint) expect(describedBy).toContain(`${id}-hint`);
    if (props.error) {
      expect(describedBy).toContain(`${id}-error`);
      expect(input?.attrs.get('aria-invalid')).toBe('true');
      expect(html).toContain('<span class="visually-hidden">خطا:</span>');
      expect(html).toContain('form-group--error');
    } else {
      expect(input?.attrs.has('aria-invalid')).toBe(false);
    }
    if (props.value && props.type !== 'password') expect(input?.attrs.get('value')).toBe(props.value);
    if (props.optional) expect(textOf(html)).toContain('(اختیاری)');
  });

  it('renders number as text with a numeric keyboard, so Persian digits are accepted', () => {
    const html = renderComponent(TextField, { name: 'n', label: 'تعداد', type: 'number' });
    const input = byId(html, 'n');
    expect(input?.attrs.get('type')).toBe('text');
    expect(input?.attrs.get('inputmode')).toBe('numeric');
  });

  it('never writes a password back into the page', () => {
    const html = renderComponent(TextField, { name: 'p', label: 'گذرواژه', type: 'password', value: 'hunter2' });
    expect(html).not.toContain('hunter2');
  });

  it('isolates e-mail addresses left to right and honours dir="auto"', () => {
    expect(byId(renderComponent(TextField, { name: 'e', label: 'رایانامه', type: 'email' }), 'e')?.attrs.get('dir')).toBe('ltr');
    expect(byId(renderComponent(TextField, { name: 't', label: 'عنوان', dir: 'auto' }), 't')?.attrs.get('dir')).toBe('auto');
    expect(byId(renderComponent(TextField, { name: 't', label: 'عنوان' }), 't')?.attrs.has('dir')).toBe(false);
  });

  it('passes maxlength through', () => {
    expect(byId(renderComponent(TextField, { name: 't', label: 'عنوان', maxLength: 80 }), 't')?.attrs.get('maxlength')).toBe('80');
  });

  it('puts the label in an h1 on one-question pages', () => {
    expect(renderComponent(TextField, { name: 'q', label: 'جستجو', labelIsPageHeading: true })).toMatch(/<h1 class="label-wrapper"><label/);
  });

  it('escapes label, hint, error and value', () => {
    const html = renderComponent(TextField, { name: 'x', label: hostileText, hint: hostileText, error: hostileText, value: `"${hostileText}` });
    expect(isEscaped(html)).toBe(true);
    expect(byId(html, 'x')?.attrs.get('value')).toBe(`"${hostileText}`);
  });

  it('accepts hx- and data- attributes but drops anything else; hx- is written data-hx- (valid HTML, htmx reads it)', () => {
    const attributes = { 'hx-get': '/search', 'data-x': '1', onclick: 'alert(1)' } as Record<string, string>;
    const html = renderComponent(TextField, { name: 'q', label: 'جستجو', attributes });
    expect(html).toContain(' data-hx-get="/search"');
    expect(html).not.toContain(' hx-get=');
    expect(html).toContain('data-x="1"');
    expect(html).not.toContain('onclick');
  });
});
