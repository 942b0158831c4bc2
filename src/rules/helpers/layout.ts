/**
 * The official tables' shape for the rules: catalogue slices and cell-id lists computed once per format
 * at load, and cells grouped the way messages name them (by table, then row).
 */
import { slotsOf } from '../../record/cell-list.ts';
import {
  CATALOGUE,
  CELLS,
  FORMATS,
  REQUEST_COLUMNS,
  TABLE_KEYS,
  type CellDef,
  type ColumnDef,
  type FormatId,
  type RowDef,
  type TableKey,
} from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';

const APPLICANT_COLUMNS: readonly ColumnDef[] = REQUEST_COLUMNS.filter((c) => c.key !== 'total');

const perFormat = <T>(make: (format: FormatId) => T): Record<FormatId, T> =>
  Object.fromEntries(FORMATS.map((f) => [f, make(f)])) as Record<FormatId, T>;

const REQUEST_ROWS = perFormat((f) => CATALOGUE[f].requests.groups[0]!.rows);

/** 三、本年度办理结果: （一）予以公开 … the last （六）其他处理 row, i.e. the rows （七）总计 adds up. */
const OUTCOME_ROWS = perFormat((f) => {
  const rows = REQUEST_ROWS[f];
  return rows.slice(
    rows.findIndex((r) => r.key === 'granted'),
    rows.findIndex((r) => r.key === 'processedTotal'),
  );
});

/** A total and the cells it adds up, by id and by slot. */
export interface Sum {
  totalId: string;
  partIds: string[];
  totalSlot: number;
  partSlots: number[];
}

function sumOf(totalId: string, partIds: string[]): Sum {
  return { totalId, partIds, totalSlot: slotsOf([totalId])[0]!, partSlots: slotsOf(partIds) };
}

/** Per column of 表三: the outcome cells （七）总计 adds up. */
const OUTCOME_IDS = perFormat((f) =>
  REQUEST_COLUMNS.map((c) => ({
    column: c,
    ...sumOf(
      `requests.processedTotal.${c.key}`,
      OUTCOME_ROWS[f].map((r) => `requests.${r.key}.${c.key}`),
    ),
  })),
);
export function outcomeSums(format: FormatId) {
  return OUTCOME_IDS[format];
}

/** Per row of 表三: the six applicant cells its 总计 adds up. */
const ROW_TOTAL_IDS = perFormat((f) =>
  REQUEST_ROWS[f].map((r) => ({
    row: r,
    ...sumOf(
      `requests.${r.key}.total`,
      APPLICANT_COLUMNS.map((c) => `requests.${r.key}.${c.key}`),
    ),
  })),
);
export function rowTotals(format: FormatId) {
  return ROW_TOTAL_IDS[format];
}

/** The slot of every official cell of either format, by table: a table is there when one of them is. */
const TABLE_SLOTS = Object.fromEntries(
  TABLE_KEYS.map((t) => [
    t,
    slotsOf([...new Set(FORMATS.flatMap((f) => CELLS[f].filter((c) => c.table === t).map((c) => c.id)))]),
  ]),
) as unknown as Record<TableKey, readonly number[]>;

/** Three table rules ask: worked out once per check (the key of the context's memo). */
const PRESENT = {};

/** The tables the record has at least one cell of (to read only). */
export function presentTables({ slots, memo }: RuleContext): ReadonlySet<TableKey> {
  let tables = memo.get(PRESENT) as ReadonlySet<TableKey> | undefined;
  if (!tables) {
    tables = new Set(TABLE_KEYS.filter((t) => TABLE_SLOTS[t].some((slot) => slots[slot] !== undefined)));
    memo.set(PRESENT, tables);
  }
  return tables;
}

export interface RowCells {
  row: RowDef;
  cells: CellDef[];
}

export interface TableCells {
  table: TableKey;
  rows: RowCells[];
  /** Every cell id of the grouping, in order. */
  ids: string[];
  /** Their slots. */
  slots: number[];
}

/** Each format's official cells with their slots, in the order the format prints them. */
const FORMAT_CELLS = perFormat((f) => {
  const slots = slotsOf(CELLS[f].map((c) => c.id));
  return CELLS[f].map((def, i) => ({ def, slot: slots[i]! }));
});

/**
 * The official cells of the format that satisfy `keep`, grouped by table then row in the printed order
 * (one finding per table lists its rows).
 */
export function byTableAndRow(format: FormatId, keep: (id: string, slot: number) => boolean): TableCells[] {
  const tables: TableCells[] = [];
  let table: TableCells | undefined;
  let row: RowCells | undefined;
  for (const { def, slot } of FORMAT_CELLS[format]) {
    if (!keep(def.id, slot)) continue;
    if (table === undefined || table.table !== def.table) {
      tables.push((table = { table: def.table, rows: [], ids: [], slots: [] }));
      row = undefined;
    }
    if (row === undefined || row.row !== def.row) table.rows.push((row = { row: def.row, cells: [] }));
    row.cells.push(def);
    table.ids.push(def.id);
    table.slots.push(slot);
  }
  return tables;
}

/** The printed labels of a grouping's rows. */
export function rowLabels(table: TableCells): string[] {
  return table.rows.map((r) => r.row.label);
}
