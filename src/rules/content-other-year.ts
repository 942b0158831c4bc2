/**
 * content.otherYear: the narrative speaks of another year as the year reported — a sentence opening
 * with 「2019年，我街道…」 in a 2020 report, or 「现将…2019年度政府信息公开工作…报告如下」: a report
 * copied from another year. 国办公开办函〔2021〕30号 names 内容雷同 among the defects to pursue.
 *
 * Not flagged: the next year's plans (year + 1 in 五, or with 将/计划/拟 elsewhere), and history that
 * does not open a sentence as its subject (「2018年以来」「自2017年起」).
 */
import { defineRule } from './helpers/define.ts';
import { shorten } from './helpers/phrasing.ts';
import { Search, sentenceStart, statements } from './helpers/prose.ts';

const BODY = '(?:街道|镇|乡|局|县|区|市|委|办|单位|机关|部门|院|中心|厅|署|政府|公司|处|所|站)';
/** A year followed by 我/本 + a body word: 「2019年，我街道」「2019年度本局」. */
const YEAR_SUBJECT = new RegExp(`((?:19|20)\\d{2})年度?[，,]?\\s*(?:我|本)${BODY}`, 'g');
/** What may stand between the start of a sentence and that year: a list marker. */
const OPENER = /^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)?(?:[一二三四五六七八九十]是)?$/;
/** 「现将我乡2019年度政府信息公开工作情况报告如下」「编制2019年政府信息公开工作年度报告」. */
const REPORT_YEAR = new RegExp(
  `(?:现将|本报告|编制|发布)[^。；;\\n]{0,30}?((?:19|20)\\d{2})年度?(?:的)?政府信息公开(?:工作)?(?:年度)?(?:报告|情况)`,
  'g',
);
const PLAN = /将|计划|拟|下一步|继续|力争/;
const SEARCHES = [
  { pattern: YEAR_SUBJECT, search: new Search(YEAR_SUBJECT, '年') },
  { pattern: REPORT_YEAR, search: new Search(REPORT_YEAR, '年') },
];

/** Does the match open its sentence (only a list marker before it)? */
function opensSentence(text: string, index: number): boolean {
  return OPENER.test(text.slice(sentenceStart(text, index), index));
}

export const contentOtherYear = defineRule({
  id: 'content.otherYear',
  severity: 'warning',
  citation: '国办公开办函〔2021〕30号（内容雷同）',
  title: '正文把其他年份当作报告年度，疑似套用往年报告',
  scope: 'any',
  check(ctx, report) {
    const year = ctx.record.year;
    if (year === null) return;
    const hits: { section: number; sentence: string; said: number }[] = [];
    for (const { pattern, search } of SEARCHES) {
      for (const s of statements(ctx, search)) {
        const said = Number(s.match[1]);
        if (said === year) continue;
        if (said === year + 1 && (s.section === 5 || PLAN.test(s.sentence))) continue;
        if (pattern === YEAR_SUBJECT && !opensSentence(s.text, s.match.index)) continue;
        hits.push({ section: s.section, sentence: s.sentence, said });
      }
    }
    if (hits.length === 0) return;
    const first = hits[0]!;
    const more = hits.length > 1 ? `等 ${hits.length} 处` : '';
    report(
      `本报告是${year}年度报告，正文却以${first.said}年为报告年度（「${shorten(first.sentence)}」${more}），可能套用了其他年度的报告`,
      { text: { section: first.section, quote: first.sentence } },
    );
  },
});
