/**
 * table.extra: a row or column the official format does not have (小计, 法人或其他组织合计, a local row
 * such as 其他主动公开文件). The tables are fixed by 国办公开办函〔2019〕60号 and 〔2021〕30号; such a
 * row is never a cell of the record and is never added into a total. Recognition lists what it saw in
 * `structure.extras`.
 */
import { TABLE_KEYS, tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { listSome } from './helpers/phrasing.ts';

export const tableExtra = defineRule({
  id: 'table.extra',
  severity: 'info',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（年报表格的行和列）',
  title: '表格中有规定格式以外的行或列',
  scope: 'tables',
  check({ record }, report) {
    const extras = record.structure?.extras ?? [];
    if (extras.length === 0) return;
    for (const table of TABLE_KEYS) {
      const labels = [...new Set(extras.filter((e) => e.table === table).map((e) => e.label))];
      if (labels.length === 0) continue;
      report(
        `${tableName(table)}有 ${labels.length} 个规定格式以外的行或列：${listSome(
          labels.map((l) => `「${l}」`),
          5,
        )}；其数字未读取，也不计入任何合计`,
      );
    }
  },
});
