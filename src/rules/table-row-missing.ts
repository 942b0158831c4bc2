/**
 * table.rowMissing: an official row is absent from a table that is there. The rows are fixed by
 * 国办公开办函〔2019〕60号 and 〔2021〕30号; a report may not drop one, even when it has nothing to count.
 */
import { TABLE_KEYS, tableName } from '../record/index.ts';
import { absence } from './helpers/absence.ts';
import { defineRule } from './helpers/define.ts';
import { presentTables } from './helpers/layout.ts';
import { listSome, rowUnit } from './helpers/phrasing.ts';

export const tableRowMissing = defineRule({
  id: 'table.rowMissing',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（年报表格的行）',
  title: '表格缺少规定的行',
  scope: 'tables',
  check(ctx, report) {
    const present = presentTables(ctx);
    for (const table of TABLE_KEYS) {
      if (!present.has(table)) continue;
      const rows = absence(ctx, table).rows;
      if (rows.length === 0) continue;
      const unit = rowUnit(table);
      report(
        `${tableName(table)}缺少 ${rows.length} ${unit}：${listSome(
          rows.map((r) => r.label),
          5,
        )}`,
        {
          cells: rows.flatMap((r) => r.ids),
        },
      );
    }
  },
});
