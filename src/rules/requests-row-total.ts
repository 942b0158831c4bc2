/**
 * requests.rowTotal: per row of 表三, 总计 = the sum of the six applicant columns (自然人 and the five
 * kinds of 法人或其他组织), as the format lays the table out (国办公开办函〔2019〕60号、〔2021〕30号).
 */
import { describeCell } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { rowTotals } from './helpers/layout.ts';
import { amount, sum } from './helpers/values.ts';

export const requestsRowTotal = defineRule({
  id: 'requests.rowTotal',
  severity: 'error',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（表三 总计列）',
  title: '表三某行总计不等于六类申请人之和',
  scope: 'tables',
  check(ctx, report) {
    const format = ctx.format!;
    for (const { totalId, partIds, totalSlot, partSlots } of rowTotals(format)) {
      const printed = amount(ctx, totalSlot);
      const parts = sum(ctx, partSlots);
      if (printed === undefined || parts === undefined || printed === parts) continue;
      report(
        `${describeCell(format, totalId)}：自然人与法人或其他组织各列之和为 ${parts}，但填报为 ${printed}`,
        {
          cells: [totalId, ...partIds],
          expected: parts,
          actual: printed,
        },
      );
    }
  },
});
