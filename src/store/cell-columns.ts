/**
 * One column of `version_cells` per official cell (both formats), so that region sums are plain SQL
 * `sum()`s over one row per report (decision 005). Column names are the cell ids with `_` for `.`
 * (`requests_received_naturalPerson`); the keys of the catalogue contain no `_`, so the mapping is one to one.
 */
import { ALL_CELL_IDS, CELLS, type CellTree, type CellValue, type ReportRecord } from '../record/index.ts';

const COLUMN_BY_CELL = new Map([...ALL_CELL_IDS].map((id) => [id, id.replaceAll('.', '_')]));

export function columnOf(cellId: string): string {
  return COLUMN_BY_CELL.get(cellId) ?? cellId.replaceAll('.', '_');
}

/** Every cell id, 2021 format first then the 2019-only cells, each in the order the format prints them. */
export const CELL_IDS: readonly string[] = [
  ...new Set([...CELLS['2021'], ...CELLS['2019']].map((c) => c.id)),
];

/** Money cells (万元, may have decimals); every other cell is a whole number. */
export const MONEY_CELL_IDS: ReadonlySet<string> = new Set(
  [...CELLS['2021'], ...CELLS['2019']].filter((c) => c.column.value === 'money').map((c) => c.id),
);

export const CELL_COLUMNS: readonly string[] = CELL_IDS.map(columnOf);

const CELL_BY_COLUMN = new Map(CELL_IDS.map((id) => [columnOf(id), id]));

export function cellOfColumn(column: string): string | undefined {
  return CELL_BY_COLUMN.get(column);
}

const PATHS = CELL_IDS.map((id) => id.split('.'));

/** `cellStates`: a cell the tables do not have, one with a number, one left blank. */
export const CELL_ABSENT = 0;
export const CELL_NUMBER = 1;
export const CELL_BLANK = 2;

/**
 * A record's cells in `CELL_COLUMNS` order with what `cellValues` folds together kept apart: per cell its
 * state (CELL_ABSENT, CELL_NUMBER, CELL_BLANK) and, for a number, its value.
 */
export function cellStates(tables: ReportRecord['tables']): { state: Uint8Array; values: Float64Array } {
  const root = tables as unknown as CellTree;
  const state = new Uint8Array(PATHS.length);
  const values = new Float64Array(PATHS.length);
  for (let i = 0; i < PATHS.length; i++) {
    let node: CellTree | CellValue | undefined = root;
    for (const key of PATHS[i]!) {
      if (node === null || typeof node !== 'object') {
        node = undefined;
        break;
      }
      node = node[key];
    }
    if (typeof node === 'number') {
      state[i] = CELL_NUMBER;
      values[i] = node;
    } else if (node === null) state[i] = CELL_BLANK;
  }
  return { state, values };
}

/**
 * A record's cells in `CELL_COLUMNS` order, read straight from the nested tables (absent cells are null,
 * like blank ones): the row of `version_cells`.
 */
export function cellValues(tables: ReportRecord['tables']): (number | null)[] {
  return cellValuesOf(cellStates(tables));
}

/** `cellValues` from the record's `cellStates`, when the caller has them already. */
export function cellValuesOf({
  state,
  values,
}: {
  state: Uint8Array;
  values: Float64Array;
}): (number | null)[] {
  const cells: (number | null)[] = new Array(state.length);
  for (let i = 0; i < state.length; i++) cells[i] = state[i] === CELL_NUMBER ? values[i]! : null;
  return cells;
}
