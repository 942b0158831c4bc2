/**
 * The DOCX tree → the Document every reader produces. Layout tables (one cell, a cell of running text, or
 * a frame around a nested table) are looked through as the HTML reader does; data tables keep their spans:
 * `w:gridSpan` → colSpan, a `w:vMerge` run → rowSpan on its first cell, whose continuation cells are not
 * emitted (as in HTML, covered positions are not cells). Rows of a data table nested in a cell follow the
 * row that holds it.
 */
import type { DocxBlock, DocxCell, DocxRow, DocxTable } from './body.ts';

export interface LaidCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

export type LaidBlock = { kind: 'paragraph'; text: string } | { kind: 'table'; rows: LaidCell[][] };

/** A cell with more of its own text than this is running text in a frame, not a data cell. */
const LONG_CELL_TEXT = 200;
/** A table this small that holds a nested table is a frame around it. */
const SMALL_TABLE_CELLS = 6;

export function layOutBlocks(blocks: DocxBlock[]): LaidBlock[] {
  const out: LaidBlock[] = [];
  emit(blocks, out);
  return out;
}

function emit(blocks: DocxBlock[], out: LaidBlock[]): void {
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      for (const line of lines(block.text)) out.push({ kind: 'paragraph', text: line });
    } else if (isLayoutTable(block)) {
      for (const row of block.rows) for (const cell of row.cells) emit(cell.blocks, out);
    } else {
      const rows = dataRows(block);
      if (rows.length > 0) out.push({ kind: 'table', rows });
    }
  }
}

function isLayoutTable(table: DocxTable): boolean {
  let cells = 0;
  let nests = false;
  for (const row of table.rows) {
    for (const cell of row.cells) {
      if (cell.vMerge === 'continue' || cell.hMerge === 'continue') continue;
      cells++;
      let own = 0;
      for (const b of cell.blocks) {
        if (b.kind === 'paragraph') own += b.text.length;
        else nests = true;
      }
      if (own > LONG_CELL_TEXT) return true;
    }
  }
  return cells <= 1 || (nests && cells <= SMALL_TABLE_CELLS);
}

/** One data table's rows with spans resolved; rows of nested data tables follow the row holding them. */
function dataRows(table: DocxTable): LaidCell[][] {
  const rows: LaidCell[][] = [];
  /** Grid column → the cell a vertical merge started there, while the merge runs on. */
  const open = new Map<number, LaidCell>();
  for (const row of table.rows) {
    const { cells, nested } = rowCells(row, open);
    if (cells.length > 0) rows.push(cells);
    rows.push(...nested);
  }
  return rows;
}

function rowCells(row: DocxRow, open: Map<number, LaidCell>): { cells: LaidCell[]; nested: LaidCell[][] } {
  const cells: LaidCell[] = [];
  const nested: LaidCell[][] = [];
  let column = row.gridBefore;
  let previous: LaidCell | null = null;
  for (const source of row.cells) {
    const width = source.gridSpan;
    if (source.hMerge === 'continue' && previous) {
      previous.colSpan += width;
      column += width;
      continue;
    }
    const above = open.get(column);
    if (source.vMerge === 'continue' && above && above.colSpan === width) {
      above.rowSpan++;
      previous = null;
      column += width;
      continue;
    }
    const { text, rows } = cellContent(source);
    const cell: LaidCell = { text, rowSpan: 1, colSpan: width };
    if (source.vMerge === 'restart') open.set(column, cell);
    else open.delete(column);
    cells.push(cell);
    nested.push(...rows);
    previous = cell;
    column += width;
  }
  return { cells, nested };
}

/** A cell's text (its paragraphs' lines, '\n' between) and the rows of data tables nested in it. */
function cellContent(cell: DocxCell): { text: string; rows: LaidCell[][] } {
  const inner: LaidBlock[] = [];
  emit(cell.blocks, inner);
  const text: string[] = [];
  const rows: LaidCell[][] = [];
  for (const block of inner) {
    if (block.kind === 'paragraph') text.push(block.text);
    else rows.push(...block.rows);
  }
  return { text: text.join('\n'), rows };
}

/** Spaces of every kind (NBSP, U+3000 indents) collapse to one; a tab stays a tab; empty lines go. */
function lines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw
      .replace(/[\u200b\ufeff]/g, '')
      .replace(/[^\S\t\n]+/g, ' ')
      .replace(/ *\t[\t ]*/g, '\t')
      .trim();
    if (line !== '') out.push(line);
  }
  return out;
}
