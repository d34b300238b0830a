import { describe, expect, it } from 'vitest';
import { createContentEvents, type ContentEvent } from './events.js';

describe('content events', () => {
  it('delivers each event with its type and payload to every listener', () => {
    const hub = createContentEvents();
    const a: ContentEvent[] = [];
    const b: ContentEvent[] = [];
    hub.subscribe((e) => a.push(e));
    hub.subscribe((e) => b.push(e));
    hub.emit('news.published', { newsId: 7, slug: 'خبر' });
    hub.emit('comment.approved', { commentId: 3, newsId: 7 });
    expect(a).toEqual([
      { type: 'news.published', newsId: 7, slug: 'خبر' },
      { type: 'comment.approved', commentId: 3, newsId: 7 },
    ]);
    expect(b).toEqual(a);
  });

  it('stops delivering after unsubscribe', () => {
    const hub = createContentEvents();
    const seen: string[] = [];
    const off = hub.subscribe((e) => seen.push(e.type));
    hub.emit('news.changed', { newsId: 1, slug: null });
    off();
    hub.emit('news.changed', { newsId: 1, slug: null });
    expect(seen).toEqual(['news.changed']);
  });

  it('keeps a throwing listener from reaching the emitter or the other listeners', () => {
    const errors: unknown[] = [];
    const hub = createContentEvents({ onError: (err) => errors.push(err) });
    const seen: string[] = [];
    hub.subscribe(() => {
      throw new Error('boom');
    });
    hub.subscribe((e) => seen.push(e.type));
    expect(() => hub.emit('comment.hidden', { commentId: 1, newsId: 2 })).not.toThrow();
    expect(seen).toEqual(['comment.hidden']);
    expect(errors).toHaveLength(1);
  });
});
