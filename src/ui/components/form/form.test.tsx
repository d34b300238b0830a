import { describe, expect, it } from 'vitest';
import { findTags, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { formExamples } from './form.examples.js';
import { Form } from './form.js';

describe('Form', () => {
  it.each(formExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Form, props);
    expect(markupProblems(html)).toEqual([]);
    const form = findTags(html, 'form')[0];
    expect(form?.attrs.get('action')).toBe(props.action);
    expect(form?.attrs.has('novalidate')).toBe(true);
    const csrf = findTags(html, 'input', 'name', '_csrf');
    if (props.method === 'get') {
      expect(form?.attrs.get('method')).toBe('get');
      expect(csrf).toEqual([]);
    } else {
      expect(form?.attrs.get('method')).toBe('post');
      expect(csrf.length).toBe(1);
      expect(csrf[0]?.attrs.get('type')).toBe('hidden');
      expect(csrf[0]?.attrs.get('value')).toBe(props.csrfToken);
    }
  });

  it('always carries the CSRF token on POST, escaped', () => {
    const html = renderComponent(Form, { action: '/x', csrfToken: 'a"b<c', children: null });
    expect(findTags(html, 'input', 'name', '_csrf')[0]?.attrs.get('value')).toBe('a"b<c');
    expect(html).not.toContain('a"b');
  });

  it('supports multipart uploads', () => {
    const html = renderComponent(Form, { action: '/upload', csrfToken: 't', enctype: 'multipart/form-data', children: null });
    expect(html).toContain('enctype="multipart/form-data"');
  });
});
