// Bundles the browser islands that need npm packages (today: the TipTap news editor)
// into self-contained ES modules under static/js/. Deterministic: the same sources and
// the same esbuild give the same bytes, and an unchanged bundle is not rewritten, so the
// committed file stays put and a fresh clone works before this ever runs.
//
//   node scripts/build-islands.mjs          build (npm run build:islands; prestart and pretest run it)
//   node scripts/build-islands.mjs --check  exit 1 if a committed bundle is out of date
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const ISLANDS = [{ entry: 'static/js/news-editor.src.js', out: 'static/js/news-editor.js' }];

const check = process.argv.includes('--check');

async function bundle({ entry, out }) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    sourcemap: false,
    write: false,
    logLevel: 'silent',
    banner: {
      js: `/* eslint-disable */\n// Built by scripts/build-islands.mjs from ${path.basename(entry)} (TipTap and ProseMirror, MIT licence). Do not edit.`,
    },
  });
  const code = result.outputFiles[0].text;
  const target = path.join(ROOT, out);
  const current = await readFile(target, 'utf8').catch(() => null);
  if (current === code) return { out, changed: false, bytes: code.length };
  if (check) return { out, changed: true, bytes: code.length };
  await writeFile(target, code);
  return { out, changed: true, bytes: code.length };
}

let stale = false;
for (const island of ISLANDS) {
  const r = await bundle(island);
  if (check && r.changed) {
    stale = true;
    console.error(`${r.out} is out of date: run npm run build:islands`);
  } else if (r.changed) {
    console.log(`built ${r.out} (${Math.round(r.bytes / 1024)} KB)`);
  }
}
if (stale) process.exit(1);
