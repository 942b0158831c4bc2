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
  check({ slots, format, facts }, report) {
    if (!facts.hasNegative) return;
    const negatives = byTableAndRow(format!, (id, slot) => {
      const value = slots[slot];
      return typeof value === 'number' && value < 0 && cellDef(format!, id)!.column.value !== 'signed';
    });
    for (const table of negatives) {
      const ids = table.ids;
      const examples = ids.map(
        (id, i) =>
          `${describeCell(format!, id).replace(`${tableName(table.table)} `, '')}为 ${slots[table.slots[i]!]}`,
      );
      report(
        `${tableName(table.table)}有 ${ids.length} 个单元格为负数（${listSome(examples)}），数量不能为负`,
        {
          cells: ids,
          ...(ids.length === 1 ? { actual: slots[table.slots[0]!] as number } : {}),
        },
      );
    }
  },
});
