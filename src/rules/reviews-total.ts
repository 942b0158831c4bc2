/**
 * reviews.total: per group of 表四 (行政复议, 未经复议直接起诉, 复议后起诉), 总计 = 结果维持 + 结果纠正
 * + 其他结果 + 尚未审结 (国办公开办函〔2019〕60号、〔2021〕30号; 条例 art. 50 (三)).
 */
import { slotsOf } from '../record/cell-list.ts';
import { REVIEW_GROUPS, REVIEW_OUTCOMES, describeCell } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { amount, sum } from './helpers/values.ts';

const PARTS = REVIEW_OUTCOMES.filter((o) => o.key !== 'total');
const PARTS_LABEL = PARTS.map((o) => o.label).join('、');
const GROUPS = REVIEW_GROUPS.map((group) => {
  const totalId = `reviews.${group.key}.total`;
  const partIds = PARTS.map((o) => `reviews.${group.key}.${o.key}`);
  return { totalId, partIds, totalSlot: slotsOf([totalId])[0]!, partSlots: slotsOf(partIds) };
});

export const reviewsTotal = defineRule({
  id: 'reviews.total',
  severity: 'error',
  citation: '条例第五十条第（三）项；国办公开办函〔2019〕60号、〔2021〕30号（表四 总计）',
  title: '表四总计不等于各结果之和',
  scope: 'tables',
  check(ctx, report) {
    for (const { totalId, partIds, totalSlot, partSlots } of GROUPS) {
      const printed = amount(ctx, totalSlot);
      const parts = sum(ctx, partSlots);
      if (printed === undefined || parts === undefined || printed === parts) continue;
      report(`${describeCell(ctx.format!, totalId)}：${PARTS_LABEL}之和为 ${parts}，但填报为 ${printed}`, {
        cells: [totalId, ...partIds],
        expected: parts,
        actual: printed,
      });
    }
  },
});
