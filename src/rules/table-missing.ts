/**
 * table.missing: one of the three official tables (二 主动公开, 三 依申请, 四 复议诉讼) is not in the
 * report. 条例 art. 50 (一)–(三); the tables are fixed by 国办公开办函〔2019〕60号 and 〔2021〕30号.
 *
 * A report of 2019 or later whose format could not be recognised at all (no table found) is checked
 * against the format its year calls for: a report without tables is the gravest case of this rule.
 */
import { TABLE_KEYS, tableName, tableTitle, type FormatId, type ReportRecord } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { presentTables } from './helpers/layout.ts';

function formatFor(record: ReportRecord, format: FormatId | null): FormatId | null {
  if (format) return format;
  if (record.format !== 'unknown' || record.year === null || record.year < 2019) return null;
  return record.year >= 2021 ? '2021' : '2019';
}

export const tableMissing = defineRule({
  id: 'table.missing',
  severity: 'error',
  citation: '条例第五十条第（一）至（三）项；国办公开办函〔2019〕60号、〔2021〕30号',
  title: '缺少表二、表三或表四',
  scope: 'any',
  check(ctx, report) {
    const expected = formatFor(ctx.record, ctx.format);
    if (!expected) return;
    const present = presentTables(ctx);
    for (const table of TABLE_KEYS) {
      if (!present.has(table)) report(`未找到${tableName(table)}「${tableTitle(expected, table)}」`);
    }
  },
});
