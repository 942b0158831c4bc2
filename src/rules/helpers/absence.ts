/**
 * Which official rows and columns a present table lacks. A column absent from every row of its header
 * group is one missing column (not a missing cell in each row); a row absent in every column is one
 * missing row; a group with no cell at all is missing as rows.
 */
import { slotsOf, type CellSlots } from '../../record/cell-list.ts';
import {
  CATALOGUE,
  FORMATS,
  TABLE_KEYS,
  type FormatId,
  type TableGroup,
  type TableKey,
} from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';

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

/** Per group, the id and the slot of every cell, by row then column: computed once at load. */
interface GroupGrid {
  group: TableGroup;
  ids: string[][];
  slots: number[][];
}
const GRIDS = Object.fromEntries(
  FORMATS.map((f) => [
    f,
    Object.fromEntries(
      TABLE_KEYS.map((t) => [
        t,
        CATALOGUE[f][t].groups.map((group) => {
          const ids = group.rows.map((r) => group.columns.map((c) => `${t}.${r.key}.${c.key}`));
          return { group, ids, slots: ids.map(slotsOf) };
        }),
      ]),
    ),
  ]),
) as Record<FormatId, Record<TableKey, GroupGrid[]>>;

/** Both table.rowMissing and table.columnMissing ask: computed once per check (the key of its memo). */
const ABSENCE = {};

export function absence({ format, slots, memo }: RuleContext, table: TableKey): Absence {
  let tables = memo.get(ABSENCE) as Map<TableKey, Absence> | undefined;
  if (!tables) memo.set(ABSENCE, (tables = new Map()));
  let out = tables.get(table);
  if (!out) tables.set(table, (out = compute(format!, table, slots)));
  return out;
}

function compute(format: FormatId, table: TableKey, cells: CellSlots): Absence {
  const out: Absence = { rows: [], columns: [], cells: [] };
  for (const { group, ids, slots } of GRIDS[format][table]) {
    if (complete(slots, cells)) continue;
    const has = slots.map((row) => row.map((slot) => cells[slot] !== undefined));
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
function complete(slots: readonly number[][], cells: CellSlots): boolean {
  for (const row of slots) for (const slot of row) if (cells[slot] === undefined) return false;
  return true;
}
