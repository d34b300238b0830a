// Identity fields (usernames, slugs): no invisible or direction-changing characters,
// and compared on the folded form so that «علي» and «علی» cannot both exist.
import { fold } from './fold.js';

/**
 * Zero-width characters (U+200B–U+200F: ZWSP, ZWNJ, ZWJ, LRM, RLM), line/paragraph
 * separators and bidi embeddings/overrides (U+2028–U+202E), word joiner and bidi
 * isolates (U+2060–U+2069), BOM (U+FEFF), plus the Arabic letter mark (U+061C), the
 * soft hyphen (U+00AD) and the Mongolian vowel separator (U+180E), which are just as
 * invisible. ZWNJ is legitimate in prose but not in an identifier.
 */
const INVISIBLE_OR_BIDI = /[\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;

export function hasInvisibleOrBidiChars(s: string): boolean {
  return INVISIBLE_OR_BIDI.test(s);
}

/** The key two identities are compared on: `fold`, so «علي» and «علی» collide. */
export function identityKey(s: string): string {
  return fold(s);
}
