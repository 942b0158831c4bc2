/**
 * The contract every reader passes: one abstract case, rendered into each source form, read back by
 * that form's reader, must give the same sequence of items — paragraphs as single items, tables
 * flattened row-major on their grid (cells covered by a rowspan/colspan are empty strings, exactly
 * where a text export leaves empty cells), whitespace inside cells normalised.
 *
 * Adding a reader is one line in FORMS; adding a case is one entry in CASES.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Document, Table } from '../src/document/index.ts';
import type { Reader } from '../src/sources/reader.ts';
import { readHtml } from '../src/sources/html/index.ts';
import { readText } from '../src/sources/text/index.ts';

interface AbstractCell {
  text: string;
  rowSpan?: number;
  colSpan?: number;
}
type AbstractRow = (string | AbstractCell)[];
type AbstractBlock = { paragraph: string } | { table: AbstractRow[] };
interface Case {
  name: string;
  blocks: AbstractBlock[];
}

const CASES: Case[] = [
  {
    name: 'merged label cells',
    blocks: [
      {
        table: [
          [
            {
              text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
              rowSpan: 2,
              colSpan: 2,
            },
            { text: '申请人情况', colSpan: 2 },
          ],
          ['自然人', '总计'],
          [{ text: '三、本年度办理结果', rowSpan: 2 }, '（一）予以公开', '3', '3'],
          ['（二）部分公开', '1', '1'],
          [{ text: '四、结转下年度继续办理', colSpan: 2 }, '0', '0'],
        ],
      },
    ],
  },
  {
    name: 'a label broken over lines',
    blocks: [
      {
        table: [
          ['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开\n总数量'],
          ['规章', '0', '0', '0'],
        ],
      },
    ],
  },
  {
    name: 'full-width digits',
    blocks: [
      {
        table: [
          ['信息内容', '本年处理决定数量'],
          ['行政许可', '１２'],
          ['行政处罚', '３，４０５'],
        ],
      },
    ],
  },
  {
    name: 'empty cells kept in place',
    blocks: [
      {
        table: [
          ['信息内容', '上一年项目数量', '本年增/减', '处理决定数量'],
          ['行政许可', '', '3', '12'],
          ['行政处罚', '5', '', '7'],
        ],
      },
    ],
  },
  {
    name: 'a paragraph before and after the table',
    blocks: [
      { paragraph: '二、主动公开政府信息情况' },
      {
        table: [
          ['信息内容', '本年制发件数'],
          ['规章', '0'],
          ['行政规范性文件', '3'],
        ],
      },
      { paragraph: '三、收到和处理政府信息公开申请情况' },
    ],
  },
];

interface Form {
  name: string;
  read: Reader;
  render(c: Case): string;
}

const FORMS: Form[] = [
  { name: 'HTML', read: readHtml, render: toHtml },
  { name: 'text, tab-separated rows', read: readText, render: toTabRows },
  { name: 'text, one cell per line with tab prefixes', read: readText, render: toCellLines },
];

for (const c of CASES) {
  for (const form of FORMS) {
    test(`${form.name}: ${c.name}`, () => {
      const source = form.render(c);
      const document = form.read(new Uint8Array(Buffer.from(source, 'utf8')), `case.${form.name}`).document;
      assert.deepEqual(itemsOfDocument(document), itemsOfCase(c), `source:\n${source}`);
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

const cellsOf = (rows: AbstractRow[]): AbstractCell[][] =>
  rows.map((row) => row.map((c) => (typeof c === 'string' ? { text: c } : c)));
const abstractGrid = (rows: AbstractRow[]) => layOut(cellsOf(rows));
const documentGrid = (t: Table) => layOut(t.rows.map((r) => r.cells));

// ——— renderers: one per source form ———

function toHtml(c: Case): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>');
  const body = c.blocks.map((b) => {
    if ('paragraph' in b) return `<p>${escape(b.paragraph)}</p>`;
    const rows = cellsOf(b.table).map((row) => {
      const cells = row.map((cell) => {
        const spans = `${cell.rowSpan ? ` rowspan="${cell.rowSpan}"` : ''}${cell.colSpan ? ` colspan="${cell.colSpan}"` : ''}`;
        return `<td${spans}>${escape(cell.text)}</td>`;
      });
      return `  <tr>${cells.join('')}</tr>`;
    });
    return `<table border="1">\n${rows.join('\n')}\n</table>`;
  });
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
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
