// In-process content events: "something readers can see has changed". Services emit
// them after their transaction commits; the portal's page cache listens and clears.
//
// Why a process-wide default hub: a change committed by any service instance in this
// process (the app's, a seed script's, a test's own) is a fact about the shared
// database, so every cache in the process must hear it. app.ts still passes the hub
// explicitly; the default only catches callers that build a service on their own.
// Other processes (the CLI, other app instances) are covered by the cache's TTL.

export interface ContentEventMap {
  /** An item went public (published now, by the scheduler, or republished). */
  'news.published': { newsId: number; slug: string | null };
  /** An item left the site (unpublished or killed). */
  'news.unpublished': { newsId: number; slug: string | null };
  /** A correction note was added to a published item. */
  'news.corrected': { newsId: number; slug: string | null };
  /** Any other change readers can see: an edit, a restored revision, a slug, the featured mark. */
  'news.changed': { newsId: number; slug: string | null };
  /** A comment became visible. */
  'comment.approved': { commentId: number; newsId: number };
  /** A visible comment was hidden (rejected, spam, sent back by reports). */
  'comment.hidden': { commentId: number; newsId: number };
  /** A visible comment's shown text or reply changed (redact, reply). */
  'comment.changed': { commentId: number; newsId: number };
}

export type ContentEventType = keyof ContentEventMap;

/** One event: its type and its payload, as a discriminated union. */
export type ContentEvent = { [K in ContentEventType]: { type: K } & ContentEventMap[K] }[ContentEventType];

export type ContentListener = (event: ContentEvent) => void;

export interface ContentEvents {
  emit<K extends ContentEventType>(type: K, payload: ContentEventMap[K]): void;
  /** Listens to every event; returns the function that stops listening. */
  subscribe(listener: ContentListener): () => void;
}

export const CONTENT_EVENT_TYPES: readonly ContentEventType[] = [
  'news.published',
  'news.unpublished',
  'news.corrected',
  'news.changed',
  'comment.approved',
  'comment.hidden',
  'comment.changed',
];

/**
 * A synchronous hub. A listener that throws is reported to `onError` (default: ignored)
 * and never reaches the emitter: the write it reports on has already committed.
 */
export function createContentEvents(options: { onError?: (err: unknown, event: ContentEvent) => void } = {}): ContentEvents {
  const listeners = new Set<ContentListener>();
  return {
    emit(type, payload) {
      const event = { type, ...payload } as ContentEvent;
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          options.onError?.(err, event);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The process-wide hub services fall back to when none is passed (see the header). */
export const processContentEvents: ContentEvents = createContentEvents();
