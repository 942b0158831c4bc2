/**
 * similarity.ownPast: a narrative section near-identical to the same section of the same body's report
 * of the year before — a report carried over from last year with the year changed. 国办公开办函〔2021〕30号
 * names 「内容雷同」 among the defects to pursue; 条例第五十条 asks each year's report to describe that
 * year's work.
 */
import { describeMatch, type SimilarityRule } from './rule.ts';

export const similarityOwnPast: SimilarityRule = {
  id: 'similarity.ownPast',
  severity: 'warning',
  citation: '条例第五十条；国办公开办函〔2021〕30号（内容雷同）',
  title: '正文某部分与本单位上一年度报告几乎相同',
  compares: (self, other) =>
    self.year !== null && other.year === self.year - 1 && other.bodyKey === self.bodyKey,
  message: (match) => `${describeMatch(match)}；疑似沿用上一年度报告，请按本年度工作情况撰写`,
};
