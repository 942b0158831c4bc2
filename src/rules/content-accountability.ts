/**
 * content.accountability: a government's report says nothing of 工作考核、社会评议和责任追究结果, which
 * 条例 (2019) art. 50 (四) requires of every level of 人民政府's annual report.
 */
import { defineRule } from './helpers/define.ts';
import { fullText } from './helpers/prose.ts';

const ACCOUNTABILITY = /考核|社会评议|责任追究|评议/;

export const contentAccountability = defineRule({
  id: 'content.accountability',
  severity: 'warning',
  citation: '条例第五十条第（四）项',
  title: '人民政府年报未报告工作考核、社会评议和责任追究结果',
  scope: 'structure',
  check({ record }, report) {
    if (record.agencyKind !== 'government' || record.sections.length === 0) return;
    if (ACCOUNTABILITY.test(fullText(record))) return;
    report(
      '人民政府的年度报告应当包括工作考核、社会评议和责任追究结果情况（条例第五十条第（四）项），全文未见相关内容',
    );
  },
});
