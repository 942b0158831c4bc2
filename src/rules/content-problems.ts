/**
 * content.problems: 五、存在的主要问题及改进情况 is empty, says only 「无」, or names problems with no
 * measure to improve them. 条例 (2019) art. 50 (四) asks for both; 国办公开办函〔2021〕30号 names
 * 敷衍塞责 among the defects to pursue.
 */
import { defineRule } from './helpers/define.ts';
import { shorten } from './helpers/phrasing.ts';
import { sectionText } from './helpers/prose.ts';

const SHORT = 40;
const FILLER = /[\s\p{P}]/gu;
const NIL = /^(?:本年度)?(?:暂?无|没有)(?:存在的?)?(?:主要)?(?:问题)?$/;
const IMPROVEMENT =
  /改进|措施|下一步|今后|将|加强|完善|提升|提高|推进|健全|继续|进一步|持续|强化|优化|计划|拟|整改/;

export const contentProblems = defineRule({
  id: 'content.problems',
  severity: 'warning',
  citation: '条例第五十条第（四）项；国办公开办函〔2021〕30号（敷衍塞责）',
  title: '存在的主要问题及改进情况为空、为「无」或没有改进措施',
  scope: 'structure',
  check({ record }, report) {
    const text = sectionText(record, 5);
    if (text === undefined) return;
    // Only a short text can be empty or a bare 「无」 once punctuation is gone.
    const bare = text.length <= SHORT ? text.replace(FILLER, '') : text;
    const quote = { section: 5, quote: text.trim() };
    if (bare === '') {
      report('「五、存在的主要问题及改进情况」没有内容', { text: quote });
    } else if (NIL.test(bare)) {
      report(`「五、存在的主要问题及改进情况」只写了「${text.trim()}」，应写明存在的问题和改进措施`, {
        text: quote,
      });
    } else if (!IMPROVEMENT.test(text)) {
      report(`「五、存在的主要问题及改进情况」未写改进措施（「${shorten(text.trim())}」）`, {
        text: { section: 5, quote: shorten(text.trim(), 200) },
      });
    }
  },
});
