/**
 * section.order: the six parts are out of order, one is given twice, or a part carries another part's
 * numeral. The format (国办公开办函〔2019〕60号、〔2021〕30号) numbers them 一 to 六 in a fixed order.
 */
import { SECTIONS, type Section } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { parseCount } from './helpers/numerals.ts';
import { sectionName } from './helpers/phrasing.ts';

/** Brackets and stops around a printed numeral: 「（三）」「3.」. */
const NOT_A_NUMERAL = /[^零〇一二两三四五六七八九十0-9０-９]/g;

/** Whether a part may be given twice: a bit per number, which two equal numbers share (and rarely others). */
function mayRepeat(sections: readonly Section[]): boolean {
  let seen = 0;
  for (const s of sections) {
    const bit = 1 << s.number;
    if (seen & bit) return true;
    seen |= bit;
  }
  return false;
}

export const sectionOrder = defineRule({
  id: 'section.order',
  severity: 'warning',
  citation: '国办公开办函〔2019〕60号、〔2021〕30号（年报六个部分的顺序和编号）',
  title: '年报各部分顺序错乱、重复或编号错误',
  scope: 'structure',
  check({ record }, report) {
    const sections = record.sections;
    const numerals = sections.map((s) => SECTIONS[s.number - 1]!.numeral);

    if (sections.some((s, i) => i > 0 && s.number < sections[i - 1]!.number)) {
      report(`报告各部分的顺序为 ${numerals.join('、')}，应依次为 一 至 六`);
    }

    if (mayRepeat(sections)) {
      const seen = new Map<number, number>();
      for (const s of sections) seen.set(s.number, (seen.get(s.number) ?? 0) + 1);
      const repeated = [...seen].filter(([, count]) => count > 1);
      if (repeated.length > 0) {
        report(`报告中${repeated.map(([n, count]) => `「${sectionName(n)}」出现了 ${count} 次`).join('，')}`);
      }
    }

    const misnumbered = sections.filter((s) => {
      if (s.printedNumber == null) return false;
      // The usual case: the part's own numeral as printed.
      if (s.printedNumber === SECTIONS[s.number - 1]!.numeral) return false;
      return parseCount(s.printedNumber.replace(NOT_A_NUMERAL, '')) !== s.number;
    });
    if (misnumbered.length > 0) {
      const first = misnumbered[0]!;
      report(
        `报告部分编号有误：${misnumbered
          .map((s) => `「${s.title}」编为「${s.printedNumber}」，应为「${SECTIONS[s.number - 1]!.numeral}」`)
          .join('；')}`,
        { text: { section: first.number, quote: `${first.printedNumber}、${first.title}` } },
      );
    }
  },
});
