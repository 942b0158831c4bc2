/**
 * The contract every reader passes: one abstract case, rendered into each source form, read back by
 * that form's reader, must give the same sequence of items — paragraphs as single items, tables
 * flattened row-major on their grid (cells covered by a rowspan/colspan are empty strings, exactly
 * where a text export leaves empty cells), whitespace inside cells normalised.
 *
 * Adding a reader is one line in FORMS; adding a case is one entry in CASES (test/support/reader-cases.ts;
 * then run scripts/make-fixtures.ts for its PDF).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Table } from '../src/document/index.ts';
import type { AsyncReader, Reader } from '../src/sources/reader.ts';
import { readDocx } from '../src/sources/docx/index.ts';
import { readHtml } from '../src/sources/html/index.ts';
import { readPdf } from '../src/sources/pdf/index.ts';
import { readText } from '../src/sources/text/index.ts';
import {
  CASES,
  caseDocx,
  casePdfName,
  cellsOf,
  type AbstractCell,
  type AbstractRow,
  type Case,
} from './support/reader-cases.ts';

interface Form {
  name: string;
  read: Reader | AsyncReader;
  /** The case as the bytes of a file in this form. */
  render(c: Case): string | Uint8Array | Promise<Uint8Array>;
  /**
   * What a form cannot tell apart is made equal before comparing: a PDF has no line breaks, only lines, so
   * 「本年新」 over 「制作数量」 is one text (whitespace dropped, not collapsed).
   */
  normalise?: (text: string) => string;
}

const CONTRACT_PDFS = join(import.meta.dirname, 'fixtures', 'contract-pdf');

const FORMS: Form[] = [
  { name: 'HTML', read: readHtml, render: toHtml },
  { name: 'text, tab-separated rows', read: readText, render: toTabRows },
  { name: 'text, one cell per line with tab prefixes', read: readText, render: toCellLines },
  {
    name: 'Markdown, tables as one line of HTML (MinerU)',
    read: readText,
    render: (c) => toMarkdown(c, 'mineru'),
  },
  {
    name: 'Markdown, tables as HTML over many lines (pandoc)',
    read: readText,
    render: (c) => toMarkdown(c, 'pandoc'),
  },
  { name: 'DOCX', read: readDocx, render: caseDocx },
  {
    name: 'PDF (LibreOffice, committed)',
    read: readPdf,
    render: (c) => new Uint8Array(readFileSync(join(CONTRACT_PDFS, casePdfName(c)))),
    normalise: (text) => text.replace(/\s+/g, ''),
  },
];

for (const c of CASES) {
  for (const form of FORMS) {
    test(`${form.name}: ${c.name}`, async () => {
      const rendered = await form.render(c);
      const bytes = typeof rendered === 'string' ? new Uint8Array(Buffer.from(rendered, 'utf8')) : rendered;
      const document = (await form.read(bytes, `case.${form.name}`)).document;
      const tidy = form.normalise ?? ((t: string) => t);
      assert.deepEqual(
        itemsOfDocument(document).map(tidy),
        itemsOfCase(c).map(tidy),
        typeof rendered === 'string' ? `source:\n${rendered}` : undefined,
      );
    });
  }
}

// ——— the comparable form ———

type Item = string;

function itemsOfCase(c: Case): Item[] {
  return c.blocks.flatMap((b) => ('paragraph' in b ? [`¶ ${b.paragraph}`] : flatten(abstractGrid(b.table))));
}

function itemsOfDocument(d: Document): Item[] {
  return d.blocks.flatMap((b) =>
    b.kind === 'paragraph' ? [`¶ ${normalise(b.text)}`] : flatten(documentGrid(b)),
  );
}

/**
 * Row-major cell texts. A row's trailing empty cells are left out: a tab-separated export cannot
 * tell them from the tab that closes the row. Empty cells anywhere else are kept.
 */
function flatten(grid: string[][]): Item[] {
  return grid.flatMap((row) => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end).map(normalise);
  });
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Lays cells with spans onto the HTML table grid; covered positions become ''. */
function layOut(rows: AbstractCell[][]): string[][] {
  const grid: (string | undefined)[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const cell of row) {
      while (grid[r]![col] !== undefined) col++;
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++) {
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) {
          (grid[r + dr] ??= [])[col + dc] = dr === 0 && dc === 0 ? cell.text : '';
        }
      }
      col += cell.colSpan ?? 1;
    }
  });
  return grid.map((row) => Array.from(row, (t) => t ?? ''));
}

const abstractGrid = (rows: AbstractRow[]) => layOut(cellsOf(rows));
const documentGrid = (t: Table) => layOut(t.rows.map((r) => r.cells));

// ——— renderers: one per source form ———

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');

/** A table's rows as HTML `<tr>`s, spans kept. */
function htmlRows(table: AbstractRow[]): string[] {
  return cellsOf(table).map((row) => {
    const cells = row.map((cell) => {
      const spans = `${cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan ? ` colspan="${cell.colSpan}"` : ''}`;
      return `<td${spans}>${escapeHtml(cell.text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
}

function toHtml(c: Case): string {
  const body = c.blocks.map((b) => {
    if ('paragraph' in b) return `<p>${escapeHtml(b.paragraph)}</p>`;
    return `<table border="1">\n${htmlRows(b.table)
      .map((r) => `  ${r}`)
      .join('\n')}\n</table>`;
  });
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}

/** What PDF-to-Markdown converters write when a table has merged cells: text lines, tables as HTML. */
function toMarkdown(c: Case, form: 'mineru' | 'pandoc'): string {
  const parts = c.blocks.map((b) => {
    if ('paragraph' in b) return b.paragraph;
    const rows = htmlRows(b.table);
    return form === 'mineru'
      ? `<html><body><table>${rows.join('')}</table></body></html>`
      : `<table>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  });
  return `${parts.join('\n\n')}\n`;
}

/** Word's "text with tabs" export: a row per line; a cell's own line breaks cannot survive, so they become spaces. */
function toTabRows(c: Case): string {
  const parts = c.blocks.map((b) =>
    'paragraph' in b
      ? b.paragraph
      : abstractGrid(b.table)
          .map((row) => row.map((t) => t.replace(/\n/g, ' ')).join('\t'))
          .join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}

/** Word's text export of a table: a cell per line behind a tab, continuation lines without one, a blank line after each row. */
function toCellLines(c: Case): string {
  const parts = c.blocks.map((b) =>
    'paragraph' in b
      ? b.paragraph
      : abstractGrid(b.table)
          .map((row) => row.map((t) => `\t${t}`).join('\n'))
          .join('\n\n'),
  );
  return `${parts.join('\n\n')}\n`;
}
