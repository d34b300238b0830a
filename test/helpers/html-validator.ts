// Markup validation with the Nu Html Checker (the `vnu-jar` package, run on the machine's
// Java 17+). The JVM takes a second or two to start, so documents are validated in batches:
// each is written to a temporary file and one `java -jar vnu.jar` call checks them all.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HtmlDocument {
  /** A short name for reports, e.g. "portal home". */
  name: string;
  html: string;
}

export interface HtmlMessage {
  type: string;
  subType?: string;
  message: string;
  line?: number;
  column?: number;
  extract?: string;
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  message?: string;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  extract?: string;
}

/**
 * Errors we accept on purpose, each with its reason. Keep it short: a pattern here means
 * "this markup is a deliberate choice", never "we have not got round to fixing it".
 */
export const ALLOWED_ERRORS: ReadonlyArray<{ pattern: RegExp; reason: string }> = [];

function vnuJarPath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
}

function runJava(java: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      reject(error as Error);
      return;
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new Error('HTML validation needs Java 17 or newer on PATH (`java`), to run the Nu Html Checker from the vnu-jar package; install a JRE (e.g. apt-get install openjdk-17-jre-headless).'));
      } else reject(error);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Validates the documents with one run of the checker and returns, per document name, the
 * messages of type "error" (and any "non-document-error", which means the check itself
 * failed) that are not on the allow-list. Warnings and info messages are ignored.
 */
export async function validateHtml(documents: HtmlDocument[], options: { java?: string } = {}): Promise<Map<string, HtmlMessage[]>> {
  const names = new Set<string>();
  for (const d of documents) {
    if (names.has(d.name)) throw new Error(`two documents are named "${d.name}"`);
    names.add(d.name);
  }
  const result = new Map<string, HtmlMessage[]>(documents.map((d) => [d.name, []]));
  if (documents.length === 0) return result;

  const dir = mkdtempSync(path.join(tmpdir(), 'shahrnama-vnu-'));
  try {
    const byUrl = new Map<string, string>();
    const files = documents.map((d, i) => {
      const file = path.join(dir, `doc-${i}.html`);
      writeFileSync(file, d.html, 'utf8');
      byUrl.set(pathToFileURL(file).href, d.name);
      return file;
    });
    const { code, stdout, stderr } = await runJava(options.java ?? 'java', ['-jar', vnuJarPath(), '--format', 'json', '--stdout', '--skip-info-messages', '--no-langdetect', '--html', ...files]);
    let parsed: { messages?: VnuMessage[] };
    try {
      parsed = JSON.parse(stdout) as { messages?: VnuMessage[] };
    } catch {
      throw new Error(`the Nu Html Checker gave no JSON (exit ${code}): ${stderr.slice(0, 500) || stdout.slice(0, 500)}`);
    }
    for (const m of parsed.messages ?? []) {
      if (m.type !== 'error' && m.type !== 'non-document-error') continue;
      const message = m.message ?? '(no message)';
      if (m.type === 'error' && ALLOWED_ERRORS.some((a) => a.pattern.test(message))) continue;
      // vnu writes file:/dir/x.html where pathToFileURL writes file:///dir/x.html
      const url = (m.url ?? '').replace(/^file:\/(?!\/)/, 'file:///');
      const name = byUrl.get(url);
      const entry: HtmlMessage = { type: m.type, subType: m.subType, message, line: m.lastLine, column: m.firstColumn, extract: m.extract };
      if (name === undefined) throw new Error(`the Nu Html Checker failed: ${message} (${m.url ?? 'no url'})`);
      result.get(name)!.push(entry);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per error, for an assertion message. */
export function describeErrors(errors: HtmlMessage[]): string {
  return errors.map((e) => `line ${e.line ?? '?'}:${e.column ?? '?'} ${e.message}${e.extract ? `  «${e.extract.replace(/\s+/g, ' ')}»` : ''}`).join('\n');
}
