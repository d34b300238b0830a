// The Persian word list used to decide joined forms (میشود → می‌شود, کتابها → کتاب‌ها).
//
// Source: `@cspell/dict-fa-ir` (Apache-2.0), which ships `fa-IR.trie.gz`, a cspell
// trie of about 730k Persian forms (plus ~43k case-folded duplicates under the `~`
// prefix, which Persian never needs). The list is hunspell-generated and has no ZWNJ
// at all: the affixed forms that it does contain are spelled joined (کتابها, خانهای),
// so a joined form being "in the list" says little about whether it is one word.
// The segmentation rules in `segmentation.ts` take that into account.
//
// Cost (measured on the 2-core dev machine, Node 20): importing cspell-trie-lib ≈ 40 ms
// (paid at module load), then on first use gunzip ≈ 15 ms + `importTrie` ≈ 150–250 ms,
// ≈ 14 MB of heap. Walking the trie into a `Set<string>` instead would add ≈ 1.0–1.5 s
// and ≈ 60 MB for no gain, so the trie itself is kept and looked up node by node
// (≈ 0.1 µs per lookup).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { importTrie, type TrieNode } from 'cspell-trie-lib';

export interface PersianWordList {
  /** Whether `word` (no ZWNJ, no diacritics added) is a form in the list. */
  has(word: string): boolean;
  /** Milliseconds the one-time load took. */
  readonly loadMs: number;
}

let cached: PersianWordList | undefined;

function trieFilePath(): string {
  const require = createRequire(import.meta.url);
  // The package exports only its cspell-ext.json; the trie sits beside it.
  return join(dirname(require.resolve('@cspell/dict-fa-ir/cspell-ext.json')), 'fa-IR.trie.gz');
}

function lookup(root: TrieNode, word: string): boolean {
  if (word === '' || word.startsWith('~')) return false;
  let node: TrieNode | undefined = root;
  for (let i = 0; i < word.length; i++) {
    const children: Record<string, TrieNode> | undefined = node.c;
    if (!children) return false;
    node = children[word.charAt(i)];
    if (!node) return false;
  }
  return ((node.f ?? 0) & 1) === 1;
}

/**
 * Loads the word list once (synchronously: readFileSync + gunzipSync + importTrie)
 * and returns the cached list on every later call.
 */
export function loadWordList(): PersianWordList {
  if (cached) return cached;
  const started = performance.now();
  const text = gunzipSync(readFileSync(trieFilePath())).toString('utf8');
  const root = importTrie(text.split('\n'));
  const loadMs = performance.now() - started;
  cached = {
    has: (word) => lookup(root, word),
    loadMs,
  };
  return cached;
}

/** Shorthand for `loadWordList().has(word)`. */
export function isKnownWord(word: string): boolean {
  return loadWordList().has(word);
}
