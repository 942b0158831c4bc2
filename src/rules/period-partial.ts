/**
 * period.partial: the statistical period printed is not the whole calendar year reported. The report
 * covers 上一年度 (条例 art. 49–50); a body founded mid-year may report from its founding date, which a
 * reviewer should see.
 */
import { defineRule } from './helpers/define.ts';
import { chineseDate } from './helpers/phrasing.ts';

export const periodPartial = defineRule({
  id: 'period.partial',
  severity: 'info',
  citation: '条例第四十九条、第五十条（上一年度）',
  title: '统计期限不是整个年度',
  scope: 'any',
  check({ record }, report) {
    const { year, period } = record;
    if (year === null || period === null) return;
    if (period.from === `${year}-01-01` && period.to === `${year}-12-31`) return;
    report(
      `统计期限为 ${chineseDate(period.from)}至${chineseDate(period.to)}，不是${year}年1月1日至12月31日的整个年度`,
    );
  },
});
