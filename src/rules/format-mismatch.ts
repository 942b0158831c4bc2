/**
 * format.mismatch: the table format does not match the year reported.
 * 国办公开办函〔2021〕30号 replaced the format of 国办公开办函〔2019〕60号 from the 2021 reports on;
 * the 2019 format is the one for the reports of 2019 and 2020.
 */
import { defineRule } from './helpers/define.ts';

export const formatMismatch = defineRule({
  id: 'format.mismatch',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号；国办公开办函〔2021〕30号',
  title: '年报表格格式与报告年度不符',
  scope: 'any',
  check({ record }, report) {
    const { year, format } = record;
    if (year === null) return;
    if (format === '2019' && year >= 2021) {
      report(
        `${year}年度报告使用了旧版表格格式（国办公开办函〔2019〕60号），2021年度起应使用国办公开办函〔2021〕30号规定的格式`,
      );
    } else if (format === '2021' && (year === 2019 || year === 2020)) {
      report(
        `${year}年度报告使用了新版表格格式（国办公开办函〔2021〕30号），${year}年度应使用国办公开办函〔2019〕60号规定的格式`,
      );
    }
  },
});
