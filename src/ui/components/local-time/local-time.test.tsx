import { describe, expect, it } from 'vitest';
import { findTags, hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { localTimeExamples } from './local-time.examples.js';
import { LocalTime, machineDateTime } from './local-time.js';

describe('LocalTime', () => {
  it.each(localTimeExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(LocalTime, props);
    expect(markupProblems(html)).toEqual([]);
    const time = findTags(html, 'time')[0];
    expect(time?.attrs.get('datetime')).toBe(props.format === 'datetime' ? '2026-11-29T07:00:00.000Z' : '2026-11-29');
    if (props.relative) {
      expect(textOf(html)).toBe(props.relative);
      expect(time?.attrs.get('title')).toBe(props.text);
    } else if (props.text) {
      expect(textOf(html)).toBe(props.text);
    } else {
      expect(textOf(html)).toMatch(/۱۴۰۵/);
    }
  });

  it('gives the calendar day in Tehran, not in UTC', () => {
    // 21:00 UTC is already 00:30 of the next day in Tehran.
    expect(machineDateTime(new Date('2026-11-29T21:00:00Z'), 'date')).toBe('2026-11-30');
  });

  it('formats with core/persian when no text is given', () => {
    const date = new Date('2026-11-29T07:00:00Z');
    expect(textOf(renderComponent(LocalTime, { date, format: 'numeric' }))).toBe('۱۴۰۵/۰۹/۰۸');
    expect(textOf(renderComponent(LocalTime, { date }))).toContain('۸ آذر ۱۴۰۵');
    expect(textOf(renderComponent(LocalTime, { date, format: 'datetime' }))).toContain('۱۰:۳۰');
  });

  it('shows a dash for an invalid date without text', () => {
    expect(renderComponent(LocalTime, { date: new Date('nope') })).toBe('<time>—</time>');
  });

  it('leaves out datetime for an invalid date instead of throwing', () => {
    const html = renderComponent(LocalTime, { date: new Date('nope'), text: 'نامعلوم' });
    expect(html).toBe('<time>نامعلوم</time>');
  });

  it('escapes the text', () => {
    expect(isEscaped(renderComponent(LocalTime, { date: new Date(0), text: hostileText }))).toBe(true);
  });
});
