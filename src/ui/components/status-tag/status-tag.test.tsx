import { describe, expect, it } from 'vitest';
import { hostileText, isEscaped, markupProblems, textOf } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { statusTagExamples } from './status-tag.examples.js';
import { StatusTag, statusTones } from './status-tag.js';

describe('StatusTag', () => {
  it.each(statusTagExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(StatusTag, props);
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain(`tag--${props.tone}`);
    // Never colour alone: the word is always there.
    expect(textOf(html)).toBe(props.label);
  });

  it('covers every tone in the examples', () => {
    expect(new Set(statusTagExamples.map((e) => e.props.tone))).toEqual(new Set(statusTones));
  });

  it('escapes the label', () => {
    expect(isEscaped(renderComponent(StatusTag, { label: hostileText, tone: 'danger' }))).toBe(true);
  });
});
