/** Reading cells of a record by id, and the official wording of a cell for messages. */
import { cellDef, CATALOGUE, type FormatId, type TableKey } from './catalogue.ts';
import { cellListOf } from './cell-tree.ts';
import type { CellValue, ReportRecord } from './schema.ts';

export type CellMap = Record<string, CellValue>;

/**
 * Flat map of a record's cells, to read only (one per tables object: rules and reports call it many times),
 * built from the cell list `nestCells` kept or from walking the tables once.
 */
export function cellsOf(record: ReportRecord): CellMap {
  return cellListOf(record.tables).flat as CellMap;
}

export function isOfficialFormat(format: string): format is FormatId {
  return format === '2019' || format === '2021';
}

const TABLE_NUMBER: Record<TableKey, string> = { active: '二', requests: '三', reviews: '四' };

/** 「表三」 for `requests`. */
export function tableName(table: TableKey): string {
  return `表${TABLE_NUMBER[table]}`;
}

/**
 * A cell as a reviewer reads it: 「表三 （七）总计 自然人列」 or 「表二 规章 本年新制作数量」.
 */
export function describeCell(format: FormatId, id: string): string {
  const def = cellDef(format, id);
  if (!def) return id;
  const table = tableName(def.table);
  if (def.table === 'reviews') return `${table} ${def.row.label} ${def.column.label}`;
  if (def.table === 'requests') return `${table} ${def.row.label} ${def.column.label}列`;
  return `${table} ${def.row.label} ${def.column.label}`;
}

/** The table's official title, e.g. 「三、收到和处理政府信息公开申请情况」. */
export function tableTitle(format: FormatId, table: TableKey): string {
  const def = CATALOGUE[format][table];
  return `${def.number}、${def.title}`;
}
