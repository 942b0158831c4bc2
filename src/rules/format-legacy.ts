/**
 * format.legacy: a report of the years before the 2019 revision of the 条例. No common table format
 * existed before 国办公开办函〔2019〕60号, so its tables are not checked.
 */
import { defineRule } from './helpers/define.ts';

export const formatLegacy = defineRule({
  id: 'format.legacy',
  severity: 'info',
  citation: '国办公开办函〔2019〕60号（统一年报格式自2019年度起施行）',
  title: '2019年以前的旧式年报，不检查表格',
  scope: 'any',
  check({ record }, report) {
    if (record.format !== 'legacy') return;
    const year = record.year === null ? '' : `${record.year}年度`;
    report(`${year}报告早于2019年度统一年报格式（国办公开办函〔2019〕60号），表格不作检查`);
  },
});
