/**
 * cell.blank: cells left blank or holding a dash or slash. The format asks for a number in every cell,
 * 0 where there is none (国办公开办函〔2019〕60号、〔2021〕30号). A blank counts as 0 in the identities.
 * One finding per table lists every such cell.
 */
import { tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { byTableAndRow, rowLabels } from './helpers/layout.ts';
import { phraseRows } from './helpers/phrasing.ts';
import { isUndetermined } from './helpers/values.ts';

export const cellBlank = defineRule({
  id: 'cell.blank',
  severity: 'warning',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表格各项应填写数字）',
  title: '表格单元格留空或只填了「—」「/」',
  scope: 'tables',
  check({ record, slots, format, facts }, report) {
    if (!facts.hasBlank) return;
    const blanks = byTableAndRow(format!, (id, slot) => slots[slot] === null && !isUndetermined(record, id));
    for (const table of blanks) {
      const ids = table.ids;
      const origins = record.origins;
      const dashed = origins ? ids.filter((id) => (origins[id]?.text ?? '').trim() !== '').length : 0;
      const how =
        dashed === 0
          ? '留空'
          : dashed === ids.length
            ? '只填了「—」或「/」'
            : `留空或只填了「—」「/」（其中填符号 ${dashed} 个）`;
      report(
        `${tableName(table.table)}有 ${ids.length} 个单元格${how}，涉及 ${phraseRows(table.table, rowLabels(table))}；表格各项应填写数字，没有的填 0`,
        { cells: ids },
      );
    }
  },
});
