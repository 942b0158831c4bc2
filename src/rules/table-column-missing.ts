/**
 * table.columnMissing: an official column is absent from a table that is there, or its header was left
 * out or empty although the column's cells are there (recognition lists those cells in
 * `structure.missingColumns`), or a single cell is missing where its row and column are otherwise printed.
 * The columns are fixed by 国办公开办函〔2019〕60号 and 〔2021〕30号.
 */
import {
  TABLE_KEYS,
  cellDef,
  describeCell,
  tableName,
  type FormatId,
  type TableKey,
} from '../record/index.ts';
import { absence } from './helpers/absence.ts';
import { defineRule } from './helpers/define.ts';
import { presentTables } from './helpers/layout.ts';
import { listSome } from './helpers/phrasing.ts';

/** 「第二十条第（一）项 本年新公开数量」 for 表二, the bare header elsewhere. */
function columnLabel(groupTitle: string, label: string): string {
  return groupTitle ? `${groupTitle} ${label}` : label;
}

/** The columns whose header was left empty, by table: label → cell ids. */
function headerless(format: FormatId, ids: readonly string[]): Map<TableKey, Map<string, string[]>> {
  const out = new Map<TableKey, Map<string, string[]>>();
  for (const id of ids) {
    const def = cellDef(format, id);
    if (!def) continue;
    let columns = out.get(def.table);
    if (!columns) out.set(def.table, (columns = new Map()));
    const label = columnLabel(def.group.title, def.column.label);
    const cellIds = columns.get(label);
    if (cellIds) cellIds.push(id);
    else columns.set(label, [id]);
  }
  return out;
}

export const tableColumnMissing = defineRule({
  id: 'table.columnMissing',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（年报表格的列）',
  title: '表格缺少规定的列或列的表头为空',
  scope: 'tables',
  check(ctx, report) {
    const { record, format } = ctx;
    const present = presentTables(ctx);
    const emptyHeaders = headerless(format!, record.structure?.missingColumns ?? []);
    for (const table of TABLE_KEYS) {
      if (!present.has(table)) continue;
      const { columns, cells: single } = absence(ctx, table);
      const empty = emptyHeaders.get(table) ?? new Map<string, string[]>();
      if (columns.length === 0 && single.length === 0 && empty.size === 0) continue;
      const parts: string[] = [];
      if (columns.length > 0) {
        const labels = columns.map((c) => columnLabel(c.group.title, c.label));
        parts.push(`缺少 ${columns.length} 列：${listSome(labels, 5)}`);
      }
      if (empty.size > 0) {
        parts.push(`有 ${empty.size} 列的表头未印或为空：${listSome([...empty.keys()], 5)}`);
      }
      if (single.length > 0) {
        const labels = single.map((id) => describeCell(format!, id).replace(`${tableName(table)} `, ''));
        parts.push(`缺少 ${single.length} 个单元格：${listSome(labels)}`);
      }
      report(`${tableName(table)}${parts.join('；')}`, {
        cells: [...columns.flatMap((c) => c.ids), ...[...empty.values()].flat(), ...single],
      });
    }
  },
});
