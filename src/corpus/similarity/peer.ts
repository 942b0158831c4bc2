/**
 * similarity.peer: a narrative section near-identical to the same section of another body's report of the
 * same year — one report written for several bodies. 国办公开办函〔2021〕30号 names 「内容雷同」 among
 * the defects to pursue.
 */
import { describeMatch, type SimilarityRule } from './rule.ts';

export const similarityPeer: SimilarityRule = {
  id: 'similarity.peer',
  severity: 'warning',
  citation: '条例第五十条；国办公开办函〔2021〕30号（内容雷同）',
  title: '正文某部分与其他单位同年度报告几乎相同',
  compares: (self, other) => self.year !== null && other.year === self.year && other.bodyKey !== self.bodyKey,
  message: (match, others) => {
    const more = others > 0 ? `；另有 ${others} 份同年度报告的该部分也几乎相同` : '';
    return `${describeMatch(match)}${more}；疑似套用其他单位的报告，请按本单位实际情况撰写`;
  },
};
