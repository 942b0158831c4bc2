/**
 * pdf.js (XXGK_PDF_ENGINE=pdfjs, the fallback of the default direct reader, decision 018) and PDFium
 * (XXGK_PDF_ENGINE=pdfium, decision 017) must give the same Document — or refuse the file the same way — on
 * every text-layer PDF we hold. PDFium is a probe; this keeps it honest.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { readSource } from '../src/sources/index.ts';
import { pdfFixtures, restoreEngineAfterTests, ROOT } from './support/pdf-files.ts';

restoreEngineAfterTests();

/** Every PDF fixture with a text layer (the scanned one goes to OCR after either engine finds no text). */
const fixtures = () => pdfFixtures((path) => !path.includes('scanned'));

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
