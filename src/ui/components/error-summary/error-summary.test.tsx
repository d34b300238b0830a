import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { errorSummaryExamples } from './error-summary.examples.js';
import { ErrorSummary, errorSummaryItems } from './error-summary.js';

describe('ErrorSummary', () => {
  it.each(errorSummaryExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(ErrorSummary, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain('role="alert"');
    expect(textOf(html)).toContain('مشکلی وجود دارد');
    const links = findTags(html, 'a');
    expect(links.map((a) => a.attrs.get('href'))).toEqual(props.errors.filter((e) => e.fieldId).map((e) => `#${e.fieldId}`));
    for (const e of props.errors) expect(textOf(html)).toContain(e.text);
  });

  it('is focused on load through the error-summary module unless told not to', () => {
    const errors = [{ fieldId: 'headline', text: 'تیتر را بنویسید' }];
    const focusable = renderComponent(ErrorSummary, { errors });
    expect(focusable).toContain('data-module="error-summary"');
    expect(focusable).toContain('tabindex="-1"');
    expect(renderComponent(ErrorSummary, { errors, focusOnLoad: false })).not.toContain('data-module');
  });

  it('labels the region with its heading', () => {
    const html = renderComponent(ErrorSummary, { errors: [{ text: 'x' }] });
    expect(html).toContain('aria-labelledby="error-summary-title"');
    expect(html).toContain('id="error-summary-title"');
  });

  it('renders nothing without errors', () => {
    expect(renderComponent(ErrorSummary, { errors: [] })).toBe('');
  });

  it('escapes error text and field ids', () => {
    const html = renderComponent(ErrorSummary, { errors: [{ fieldId: '"><script>x</script>', text: hostileText }] });
    expect(isEscaped(html)).toBe(true);
    expect(html).not.toContain('<script>x');
  });

  it('builds items in form order from a field error map', () => {
    expect(errorSummaryItems({ b: 'دوم', a: 'اول', c: '', _form: 'کل فرم' }, ['a', 'b', 'c'])).toEqual([
      { fieldId: 'a', text: 'اول' },
      { fieldId: 'b', text: 'دوم' },
      { fieldId: '_form', text: 'کل فرم' },
    ]);
  });
});
