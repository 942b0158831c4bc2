/**
 * date.beforeYearEnd: the report is dated on or before 12月31日 of the year it reports. A report covers
 * the whole of 上一年度 (条例 art. 49) and cannot be finished before that year ends; the date is
 * usually mistyped or left over from another year's report.
 */
import { defineRule } from './helpers/define.ts';
import { chineseDate } from './helpers/phrasing.ts';

export const dateBeforeYearEnd = defineRule({
  id: 'date.beforeYearEnd',
  severity: 'error',
  citation: '条例第四十九条（公布上一年度的年度报告）',
  title: '报告日期早于所报告年度结束',
  scope: 'any',
  check({ record }, report) {
    const { year, publishedOn } = record;
    if (year === null || publishedOn === null) return;
    const yearEnd = `${year}-12-31`;
    if (publishedOn > yearEnd) return;
    report(
      `报告日期为 ${chineseDate(publishedOn)}，不晚于所报告的${year}年度结束之日（${chineseDate(yearEnd)}），日期可能有误`,
    );
  },
});
