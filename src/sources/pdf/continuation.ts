/**
 * What a page break cut in two, joined again: a paragraph running on to the next page (its last line full,
 * the next page's first line not indented), and a table continuing with the same outer edges — its repeated
 * header rows dropped, a merged label cell cut by the break made whole, a row cut by the break joined.
 */
import { joinLines } from './lines.ts';
import type { PageItem } from './paragraphs.ts';
import type { PdfCell, PdfTable } from './tables.ts';

/** Outer edges of two table parts within this many points are the same table continuing. */
export const SAME_EDGE = 3;
/** Repeated header rows looked for at the top of a continued table. */
const MAX_HEADER_ROWS = 6;

export function continues(previous: PageItem, next: PageItem): boolean {
  if (previous.page === next.page) return false;
  if (previous.kind === 'paragraph' && next.kind === 'paragraph') return previous.full && next.flush;
  if (previous.kind === 'table' && next.kind === 'table') {
    return Math.abs(previous.x0 - next.x0) <= SAME_EDGE && Math.abs(previous.x1 - next.x1) <= SAME_EDGE;
  }
  return false;
}

export function joined(previous: PageItem, next: PageItem): PageItem {
  if (previous.kind === 'paragraph' && next.kind === 'paragraph') {
    return { ...previous, text: joinLines([previous.text, next.text]), full: next.full };
  }
  return mergeTables(previous as PdfTable, next as PdfTable);
}

/** Two rows print the same cells: same texts at the same places. */
function sameRow(a: PdfTable, rowA: number, b: PdfTable, rowB: number): boolean {
  const cellsA = a.cells.filter((c) => c.row === rowA);
  const cellsB = b.cells.filter((c) => c.row === rowB);
  return (
    cellsA.length === cellsB.length &&
    cellsA.every(
      (c, i) => c.text === cellsB[i]!.text && c.rowSpan === cellsB[i]!.rowSpan && sameColumns(c, cellsB[i]!),
    )
  );
}

const sameColumns = (a: PdfCell, b: PdfCell) =>
  Math.abs(a.x0 - b.x0) <= SAME_EDGE && Math.abs(a.x1 - b.x1) <= SAME_EDGE;

/** Numbering that opens a new row's label: 「一、」「（三）」「1.」「2、」「①」. */
const ENUMERATED = /^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．]|[①-⑳])/;

function mergeTables(a: PdfTable, b: PdfTable): PdfTable {
  // Header rows Word or WPS repeat on each page (标题行重复) are printed once.
  let repeated = 0;
  while (repeated < Math.min(MAX_HEADER_ROWS, a.rows, b.rows - 1) && sameRow(a, repeated, b, repeated))
    repeated++;
  while (repeated > 0 && b.cells.some((c) => c.row < repeated && c.row + c.rowSpan > repeated)) repeated--;

  const cells = [...a.cells];
  const bottom = a.cells.filter((c) => c.row + c.rowSpan === a.rows);
  const first = b.cells.filter((c) => c.row === repeated);
  const above = (cell: PdfCell) => bottom.find((c) => sameColumns(c, cell));
  const splitRow = isSplitRow(first, above);
  // A row cut by the break goes on in the first row of the next part; otherwise that row is a new one.
  const offset = a.rows - repeated - (splitRow ? 1 : 0);
  for (const cell of b.cells) {
    if (cell.row < repeated) continue;
    const upper = cell.row === repeated ? above(cell) : undefined;
    if (upper && splitRow) {
      upper.rowSpan += cell.rowSpan - 1;
      upper.text = joinLines([upper.text, cell.text]);
      upper.open = cell.open;
      continue;
    }
    // A merged label cell cut by the break: its lower part continues the upper one (a numbered label is a new row).
    if (
      upper &&
      !/[0-9０-９]/.test(cell.text) &&
      !ENUMERATED.test(cell.text) &&
      (upper.rowSpan > 1 || cell.rowSpan > 1)
    ) {
      upper.rowSpan += cell.rowSpan;
      upper.text = joinLines([upper.text, cell.text]);
      continue;
    }
    cells.push({ ...cell, row: cell.row + offset });
  }
  return { ...a, cells, rows: a.rows + b.rows - repeated - (splitRow ? 1 : 0), bottom: b.bottom };
}

/**
 * Whether the first row of a continued table is the rest of the row the page break cut (Word and
 * LibreOffice let rows break across pages). Every cell must sit under a cell of the last row. Judged on
 * the cells of that one row (merged label cells above and below continue either way): those holding text
 * must continue text that ran to the edge of the cell above, and none may open with the numbering a new
 * row's label starts with.
 */
function isSplitRow(first: readonly PdfCell[], above: (cell: PdfCell) => PdfCell | undefined): boolean {
  if (!first.every((cell) => above(cell) !== undefined)) return false;
  if (first.some((cell) => ENUMERATED.test(cell.text))) return false;
  const own = first.filter((cell) => cell.rowSpan === 1 && above(cell)!.rowSpan === 1);
  const written = own.filter((cell) => cell.text !== '');
  if (written.length === 0) return false;
  return written.every((cell) => {
    const upper = above(cell)!;
    // Digits go on only after digits (a wrapped number): under a header's words they start a row of values.
    const continuesKind = NUMBER.test(cell.text) ? /[0-9０-９]$/.test(upper.text) : !NUMBER.test(upper.text);
    return upper.text !== '' && upper.open && continuesKind;
  });
}

/** A cell that holds only a number (or a blank mark). */
const NUMBER = /^[0-9０-９.,，．%％\-—/／]+$/;
