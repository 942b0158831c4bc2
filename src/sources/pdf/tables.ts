/**
 * Text placed into the grids of a page: each fragment goes to the cell its middle falls in, a fragment that
 * runs across a drawn cell border is cut there (some writers print a whole row as one text run), and each
 * cell's lines are joined as the eye reads them (see lines.ts).
 */
import { middleOf, type Fragment } from './geometry.ts';
import { bandOf, type Grid } from './grid.ts';
import { charWeight, groupLines, joinLines } from './lines.ts';

export interface PdfCell {
  text: string;
  /** Row of the table (0-based) and how many rows the cell spans. */
  row: number;
  rowSpan: number;
  /** Left and right edges: columns are rebuilt from edges when a table continues over pages. */
  x0: number;
  x1: number;
  page: number;
  /** The last line runs to the cell's right edge: the text may go on (in a row cut by a page break). */
  open: boolean;
}

export interface PdfTable {
  kind: 'table';
  cells: PdfCell[];
  rows: number;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  page: number;
}

/** Tolerance (points) for a fragment's middle on a grid's outer edge. */
const EDGE = 1;

/**
 * Puts fragments into the page's grids. Returns the tables and the fragments outside every table.
 * A grid of one cell (a framed paragraph) is not a table: its text stays running text.
 */
export function fillGrids(
  grids: readonly Grid[],
  fragments: readonly Fragment[],
  page: number,
): { tables: PdfTable[]; free: Fragment[] } {
  const contents = grids.map((g) => g.cells.map((): Fragment[] => []));
  const free: Fragment[] = [];
  for (const fragment of fragments) {
    const y = middleOf(fragment);
    const x = (fragment.x0 + fragment.x1) / 2;
    const g = grids.findIndex(
      (grid) =>
        x >= grid.xs[0]! - EDGE &&
        x <= grid.xs[grid.xs.length - 1]! + EDGE &&
        y >= grid.ys[0]! - EDGE &&
        y <= grid.ys[grid.ys.length - 1]! + EDGE,
    );
    if (g === -1) {
      free.push(fragment);
      continue;
    }
    const grid = grids[g]!;
    const row = clamp(bandOf(grid.ys, y), grid.ys.length - 2);
    for (const piece of cutAtBorders(fragment, grid, row)) {
      const column = clamp(bandOf(grid.xs, (piece.x0 + piece.x1) / 2), grid.xs.length - 2);
      contents[g]![grid.slots[row * (grid.xs.length - 1) + column]!]!.push(piece);
    }
  }
  const tables = grids.map((grid, g) => tableOf(grid, contents[g]!, page));
  return { tables, free };
}

function clamp(band: number, last: number): number {
  return band < 0 ? 0 : Math.min(band, last);
}

/** Splits a fragment where it crosses the border between two different cells of its row. */
function cutAtBorders(fragment: Fragment, grid: Grid, row: number): Fragment[] {
  const columns = grid.xs.length - 1;
  const out: Fragment[] = [];
  let rest = fragment;
  for (let c = 1; c < columns; c++) {
    const x = grid.xs[c]!;
    const crosses = rest.x0 < x - 0.3 * rest.size && rest.x1 > x + 0.3 * rest.size;
    if (!crosses) continue;
    if (grid.slots[row * columns + c - 1] === grid.slots[row * columns + c]) continue;
    const [left, right] = splitFragment(rest, x);
    if (left) out.push(left);
    if (!right) return out;
    rest = right;
  }
  out.push(rest);
  return out;
}

/** Cuts a fragment at x, sharing its width among characters by their typical widths. */
function splitFragment(f: Fragment, x: number): [Fragment | null, Fragment | null] {
  const chars = [...f.text];
  const weights = chars.map(charWeight);
  const total = weights.reduce((s, w) => s + w, 0) || 1;
  const unit = (f.x1 - f.x0) / total;
  let at = f.x0;
  let k = 0;
  while (k < chars.length && at + weights[k]! * unit * 0.5 < x) at += weights[k++]! * unit;
  const leftText = chars.slice(0, k).join('');
  const rightText = chars.slice(k).join('');
  const left = leftText.trim() ? { ...f, text: leftText, x1: at } : null;
  const right = rightText.trim() ? { ...f, text: rightText, x0: at } : null;
  return [left, right];
}

function tableOf(grid: Grid, contents: Fragment[][], page: number): PdfTable {
  // Rows and columns where no cell starts are spanned by all cells across them: they are not rows of their own.
  const startRows = [...new Set(grid.cells.map((c) => c.r0))].sort((a, b) => a - b);
  const rowIndex = new Map(startRows.map((r, i) => [r, i]));
  const rowsThrough = (r0: number, r1: number) => startRows.filter((r) => r >= r0 && r <= r1).length;
  const cells: PdfCell[] = grid.cells.map((cell, i) => {
    const lines = groupLines(contents[i]!);
    const last = lines[lines.length - 1];
    const x1 = grid.xs[cell.c1 + 1]!;
    return {
      text: joinLines(lines.map((l) => l.text)),
      row: rowIndex.get(cell.r0)!,
      rowSpan: rowsThrough(cell.r0, cell.r1),
      x0: grid.xs[cell.c0]!,
      x1,
      page,
      // Cell padding is a few points; a wrapping line stops less than a character short of it.
      open: last !== undefined && last.x1 >= x1 - last.size - 6,
    };
  });
  cells.sort((a, b) => a.row - b.row || a.x0 - b.x0);
  return {
    kind: 'table',
    cells,
    rows: startRows.length,
    x0: grid.xs[0]!,
    x1: grid.xs[grid.xs.length - 1]!,
    top: grid.ys[0]!,
    bottom: grid.ys[grid.ys.length - 1]!,
    page,
  };
}
