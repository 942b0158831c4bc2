/**
 * The two PDF engines (decision 017): pdf.js, the default, and PDFium with XXGK_PDF_ENGINE=pdfium, must
 * give the same Document — or refuse the file the same way — on every text-layer PDF we hold. PDFium is
 * a probe until it is made the default; this keeps the probe honest while it waits.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { readSource } from '../src/sources/index.ts';

const ROOT = join(import.meta.dirname, '..');
const before = process.env.XXGK_PDF_ENGINE;
after(() => {
  if (before === undefined) delete process.env.XXGK_PDF_ENGINE;
  else process.env.XXGK_PDF_ENGINE = before;
});

/** Every PDF fixture with a text layer (the scanned one goes to OCR after either engine finds no text). */
function fixtures(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.pdf') && !path.includes('scanned')) found.push(path);
    }
  };
  walk(join(ROOT, 'fixtures'));
  walk(join(ROOT, 'test', 'fixtures'));
  return found.sort();
}

/** What an engine makes of a file: the Document and messages, or the refusal's code. */
async function readWith(engine: 'pdfjs' | 'pdfium', path: string): Promise<unknown> {
  // pdf.js named explicitly: the default engine is the direct reader (decision 018).
  process.env.XXGK_PDF_ENGINE = engine;
  try {
    const read = await readSource(new Uint8Array(readFileSync(path)), path);
    return { document: read.document, messages: read.messages };
  } catch (e) {
    if (e instanceof UnusableInputError) return { refused: e.code };
    throw e;
  }
}

test('there are PDF fixtures to compare, text-layer and refused', () => {
  const all = fixtures();
  assert.ok(all.length >= 8, `${all.length} PDF fixtures`);
  assert.ok(all.some((f) => f.includes('encrypted')));
});

for (const path of fixtures()) {
  test(`pdf.js and PDFium read ${path.slice(ROOT.length + 1)} the same`, async () => {
    const pdfjs = await readWith('pdfjs', path);
    const pdfium = await readWith('pdfium', path);
    assert.deepEqual(pdfium, pdfjs);
  });
}
