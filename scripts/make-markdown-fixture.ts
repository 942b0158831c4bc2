/**
 * Makes fixtures/reports/markdown-2021-mineru-html-tables/report.md: the DOCX of the narrow-columns case as
 * MinerU (a PDF-to-Markdown converter) writes a report — section headings as `#` lines, paragraphs as lines
 * of text, each table as one line of HTML wrapped in `<html><body>` with its merged cells as rowspan and
 * colspan, and the seal over the signature as an image link. The cells must come back as the DOCX gives them
 * (expected.json is the narrow-columns case's, with this file's name).
 *
 *   node --import tsx scripts/make-markdown-fixture.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Block, Table } from '../src/document/index.ts';
import { escapeHtml } from '../src/render/escape.ts';
import { readSource } from '../src/sources/index.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'reports');
const FROM = join(ROOT, 'docx-pdf-2021-narrow-columns-wrapped-numbers');
const TO = join(ROOT, 'markdown-2021-mineru-html-tables');

function tableLine(table: Table): string {
  const rows = table.rows.map((row) => {
    const cells = row.cells.map((c) => {
      const spans = `${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}`;
      return `<td${spans}>${escapeHtml(c.text.replace(/\n+/g, ''))}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<html><body><table>${rows.join('')}</table></body></html>`;
}

function markdown(blocks: readonly Block[]): string {
  const lines: string[] = [];
  const last = blocks.length - 1;
  blocks.forEach((block, i) => {
    if (block.kind === 'table') return lines.push(tableLine(block));
    const text = block.text.trim();
    if (text === '') return;
    // The seal stamped over the signature: MinerU keeps it as an image.
    if (i === last - 1) lines.push('![](images/4f0c2e9a1b7d3c5e8f6a0b2d4c6e8f1a3b5d7c9e.jpg)');
    const heading = /^[一二三四五六七八九十]+、/.test(text) && text.length <= 30;
    lines.push(i === 0 || heading ? `# ${text}` : text);
  });
  return `${lines.join('\n\n')}\n`;
}

const docx = readFileSync(join(FROM, 'report.docx'));
const { document } = await readSource(docx, 'report.docx');
mkdirSync(TO, { recursive: true });
writeFileSync(join(TO, 'report.md'), markdown(document.blocks));
// The golden test's form (test/golden.test.ts): one file, nothing undetermined.
const { files: _, ...expected } = JSON.parse(readFileSync(join(FROM, 'expected.json'), 'utf8')) as {
  files: string[];
  cells: Record<string, number | null>;
};
const golden = { file: 'report.md', ...expected, undetermined: [] };
writeFileSync(join(TO, 'expected.json'), `${JSON.stringify(golden, null, 1)}\n`);
