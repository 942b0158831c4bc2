/**
 * requests.outcomeSum: per column of 表三, （七）总计 = the sum of every outcome row （一）…（六）.
 * The outcomes are the answers 条例 arts. 36–39 allow; the format (国办公开办函〔2019〕60号 one
 * （六）其他处理 row, 〔2021〕30号 three) totals them in （七）.
 */
import { describeCell } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { outcomeSums } from './helpers/layout.ts';
import { amount, sum } from './helpers/values.ts';

export const requestsOutcomeSum = defineRule({
  id: 'requests.outcomeSum',
  severity: 'error',
  citation: '条例第三十六条至第三十九条；国办公开办函〔2019〕60号、〔2021〕30号（表三（七）总计）',
  title: '表三（七）总计不等于各办理结果之和',
  scope: 'tables',
  check(ctx, report) {
    const format = ctx.format!;
    for (const { totalId, partIds, totalSlot, partSlots } of outcomeSums(format)) {
      const printed = amount(ctx, totalSlot);
      const parts = sum(ctx, partSlots);
      if (printed === undefined || parts === undefined || printed === parts) continue;
      report(`${describeCell(format, totalId)}：各办理结果之和为 ${parts}，但填报为 ${printed}`, {
        cells: [totalId, ...partIds],
        expected: parts,
        actual: printed,
      });
    }
  },
});
