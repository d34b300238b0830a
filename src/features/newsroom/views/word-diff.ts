// A word-level diff for people reading Persian: words keep their trailing whitespace
// (so a changed space shows as a changed word), a half-space (ZWNJ) stays inside its
// word, and runs of one kind are merged. jsdiff's own word tokenizer treats Persian
// letters as punctuation, so the arrays are diffed with our tokens instead.
import { diffArrays } from 'diff';

export type DiffKind = 'same' | 'ins' | 'del';

export interface DiffPart {
  kind: DiffKind;
  text: string;
}

const TOKEN = /\s+|\S+\s*/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** The changes that turn `before` into `after`, word by word. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const change of diffArrays(tokenize(before), tokenize(after))) {
    const kind: DiffKind = change.added ? 'ins' : change.removed ? 'del' : 'same';
    const text = change.value.join('');
    if (text === '') continue;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  }
  return parts;
}

/** True when the diff has an insertion or a deletion. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.kind !== 'same');
}
