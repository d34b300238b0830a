import { describe, expect, it } from 'vitest';
import { findTags, markupProblems } from '../../testing/html.js';
import { renderComponent } from '../../testing/render.js';
import { iconExamples } from './icon.examples.js';
import { Icon } from './icon.js';

describe('Icon', () => {
  it.each(iconExamples.map((e) => [e.name, e.props] as const))('renders example «%s»', (_name, props) => {
    const html = renderComponent(Icon, props);
    expect(markupProblems(html)).toEqual([]);
    const svg = findTags(html, 'svg')[0];
    expect(svg?.attrs.get('focusable')).toBe('false');
    if (props.label) {
      expect(svg?.attrs.get('role')).toBe('img');
      expect(svg?.attrs.get('aria-label')).toBe(props.label);
    } else {
      expect(svg?.attrs.get('aria-hidden')).toBe('true');
    }
  });

  it('marks arrows as directional so CSS mirrors them in RTL, and only them', () => {
    expect(renderComponent(Icon, { name: 'arrow-next' })).toContain('icon--directional');
    expect(renderComponent(Icon, { name: 'chevron-previous' })).toContain('icon--directional');
    expect(renderComponent(Icon, { name: 'check' })).not.toContain('icon--directional');
  });

  it('can be rendered twice in one tree', () => {
    const html = renderComponent(
      () => (
        <p>
          <Icon name="info" />
          <Icon name="info" />
        </p>
      ),
      {},
    );
    expect(findTags(html, 'circle').length).toBe(2);
  });
});
