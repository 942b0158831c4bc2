/**
 * cell.text: words inside a number cell, e.g. 「22（其中修订16件）」. The number is still read; the
 * format (国办公开办函〔2019〕60号、〔2021〕30号) asks for numbers only, explanations go to the text.
 * A unit (「万元」「件」) after the number is not counted as words.
 */
import { slotOf } from '../record/cell-list.ts';
import { describeCell, tableName } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { byTableAndRow } from './helpers/layout.ts';
import { listSome } from './helpers/phrasing.ts';

const PLAIN_NUMBER =
  /^[+\-−－﹢]?\s*(?:[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)\s*(?:万元|元|件|条|个|项|次|宗|人|份|家|起)?$/;

/** The common case, without a regular expression: a cell of ASCII digits only. */
function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

export const cellText = defineRule({
  id: 'cell.text',
  severity: 'warning',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表格各项应填写数字）',
  title: '数字单元格中夹有文字',
  scope: 'tables',
  check({ record, slots, format, facts }, report) {
    const origins = record.origins;
    if (!origins) return;
    const wordy = new Set<string>();
    for (const id of facts.nonDigitText) {
      const origin = origins[id]!;
      if (isDigits(origin.text) || origin.undetermined !== undefined) continue;
      // Only the format's official cells are listed below: an id without a slot needs no further look.
      const slot = slotOf(id);
      if (slot < 0 || typeof slots[slot] !== 'number') continue;
      if (!PLAIN_NUMBER.test(origin.text.trim())) wordy.add(id);
    }
    if (wordy.size === 0) return;
    for (const table of byTableAndRow(format!, (id) => wordy.has(id))) {
      const ids = table.ids;
      const examples = ids.map(
        (id) =>
          `${describeCell(format!, id).replace(`${tableName(table.table)} `, '')}填为「${origins[id]!.text.trim()}」`,
      );
      report(
        `${tableName(table.table)}有 ${ids.length} 个数字单元格夹有文字（${listSome(examples, 2)}），已按其中的数字读取；说明文字应写在正文中`,
        { cells: ids },
      );
    }
  },
});
