/**
 * cell.undetermined (beyond checks.md): digits printed run together (「898989」) split into the row's
 * columns in more than one way that satisfies the table's identities (国办公开办函〔2019〕60号、
 * 〔2021〕30号 勾稽关系), so recognition left them unread (origins `undetermined: 'ambiguousSplit'`).
 */
import { tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { byTableAndRow, rowLabels } from './helpers/layout.ts';
import { phraseRows } from './helpers/phrasing.ts';

export const cellUndetermined = defineRule({
  id: 'cell.undetermined',
  severity: 'warning',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表格各项应分列填写数字）',
  title: '数字连在一起，有多种拆分方式，未予读取',
  scope: 'tables',
  check({ record, format, facts }, report) {
    const origins = record.origins;
    if (!origins || !facts.ambiguousSplit) return;
    const ambiguous = byTableAndRow(format!, (id) => origins[id]?.undetermined === 'ambiguousSplit');
    for (const table of ambiguous) {
      const digits = [...new Set(table.rows.map((r) => origins[r.cells[0]!.id]!.text.trim()))];
      const quoted = digits
        .slice(0, 2)
        .map((d) => `「${d}」`)
        .join('、');
      report(
        `${tableName(table.table)} ${phraseRows(table.table, rowLabels(table))}数字连在一起（${quoted}），有多种拆分方式都符合勾稽关系，未予读取`,
        { cells: table.ids },
      );
    }
  },
});
