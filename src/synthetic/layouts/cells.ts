/** How text exports flatten a table with merged cells into rows of cell texts. */
import { occupancy, type GridTable } from '../../render/official-grid.ts';

/**
 * - `origin`: only cells as HTML lists them (a merged cell once, nothing where it extends);
 * - `placeholders`: plus an empty cell where a cell merged from the row above extends (Word's text export);
 * - `full`: an empty cell at every position a merged cell covers.
 */
export type Flattening = 'origin' | 'placeholders' | 'full';

export function flattenRows(grid: GridTable, mode: Flattening): string[][] {
  if (mode === 'origin') return grid.rows.map((row) => row.map((c) => c.text));
  return occupancy(grid).map((row) => {
    const out: string[] = [];
    row.forEach((slot, c) => {
      if (slot.origin) out.push(slot.cell.text);
      else if (mode === 'full') out.push('');
      else if (slot.fromAbove && row[c - 1]?.cell !== slot.cell) out.push('');
    });
    return out;
  });
}
