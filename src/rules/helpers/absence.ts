/**
 * Which official rows and columns a present table lacks. A column absent from every row of its header
 * group is one missing column (not a missing cell in each row); a row absent in every column is one
 * missing row; a group with no cell at all is missing as rows.
 */
import {
  CATALOGUE,
  FORMATS,
  TABLE_KEYS,
  type CellMap,
  type FormatId,
  type TableGroup,
  type TableKey,
} from '../../record/index.ts';

export interface MissingPart {
  group: TableGroup;
  /** Row label or column label as the format prints it. */
  label: string;
  ids: string[];
}

export interface Absence {
  rows: MissingPart[];
  columns: MissingPart[];
  /** Single cells missing from a row and a column that are otherwise there. */
  cells: string[];
}

/** Per group, the id of every cell, by row then column: computed once at load. */
interface GroupGrid {
  group: TableGroup;
  ids: string[][];
}
const GRIDS = Object.fromEntries(
  FORMATS.map((f) => [
    f,
    Object.fromEntries(
      TABLE_KEYS.map((t) => [
        t,
        CATALOGUE[f][t].groups.map((group) => ({
          group,
          ids: group.rows.map((r) => group.columns.map((c) => `${t}.${r.key}.${c.key}`)),
        })),
      ]),
    ),
  ]),
) as Record<FormatId, Record<TableKey, GroupGrid[]>>;

/** Both table.rowMissing and table.columnMissing ask: computed once per record's cells. */
const cache = new WeakMap<CellMap, Map<TableKey, Absence>>();

export function absence(format: FormatId, table: TableKey, cells: CellMap): Absence {
  let tables = cache.get(cells);
  if (!tables) cache.set(cells, (tables = new Map()));
  let out = tables.get(table);
  if (!out) tables.set(table, (out = compute(format, table, cells)));
  return out;
}

function compute(format: FormatId, table: TableKey, cells: CellMap): Absence {
  const out: Absence = { rows: [], columns: [], cells: [] };
  for (const { group, ids } of GRIDS[format][table]) {
    if (complete(ids, cells)) continue;
    const has = ids.map((row) => row.map((id) => cells[id] !== undefined));
    const rowPresent = has.map((row) => row.some(Boolean));
    const colPresent = group.columns.map((_, c) => has.some((row) => row[c]));

    group.rows.forEach((row, r) => {
      if (!rowPresent[r]) out.rows.push({ group, label: row.label, ids: ids[r]! });
    });
    if (!rowPresent.some(Boolean)) continue;
    group.columns.forEach((column, c) => {
      if (!colPresent[c]) out.columns.push({ group, label: column.label, ids: ids.map((row) => row[c]!) });
    });
    ids.forEach((row, r) =>
      row.forEach((id, c) => {
        if (rowPresent[r] && colPresent[c] && !has[r]![c]) out.cells.push(id);
      }),
    );
  }
  return out;
}

/** Whether every cell of a group is there (the usual case), without building the presence grid. */
function complete(ids: readonly string[][], cells: CellMap): boolean {
  for (const row of ids) for (const id of row) if (cells[id] === undefined) return false;
  return true;
}
