/**
 * cell.negative: a negative count. Only 本年增/减 of the 2019 format (国办公开办函〔2019〕60号,
 * 第二十条第（五）（六）（八）项) may be negative; every other cell counts things or money.
 */
import { cellDef, describeCell, tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { byTableAndRow } from './helpers/layout.ts';
import { listSome } from './helpers/phrasing.ts';

export const cellNegative = defineRule({
  id: 'cell.negative',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（仅“本年增/减”可为负数）',
  title: '计数单元格为负数',
  scope: 'tables',
  check({ cells, format, facts }, report) {
    if (!facts.hasNegative) return;
    const negative = (id: string) => {
      const value = cells[id];
      return typeof value === 'number' && value < 0 && cellDef(format!, id)!.column.value !== 'signed';
    };
    for (const table of byTableAndRow(format!, negative)) {
      const ids = table.ids;
      const examples = ids.map(
        (id) => `${describeCell(format!, id).replace(`${tableName(table.table)} `, '')}为 ${cells[id]}`,
      );
      report(
        `${tableName(table.table)}有 ${ids.length} 个单元格为负数（${listSome(examples)}），数量不能为负`,
        {
          cells: ids,
          ...(ids.length === 1 ? { actual: cells[ids[0]!] as number } : {}),
        },
      );
    }
  },
});
