/**
 * text.reviews: the narrative's count of 行政复议 or 行政诉讼 differs from 表四 (条例 art. 50 (三):
 * 因政府信息公开工作被申请行政复议、提起行政诉讼的情况).
 *
 * Read: 「行政复议0件」「发生行政复议案件2起」「行政复议、行政诉讼均为0」, and 「没有发生…行政复议和
 * …行政诉讼」 (none of either). Outside 四 a sentence must be about 信息公开: a 司法局 counting all the
 * reconsiderations it handled is not reporting on its disclosure work.
 */
import { slotsOf } from '../record/cell-list.ts';
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { Search, statements, type Statement } from './helpers/prose.ts';
import type { RuleContext } from './rule.ts';

const UNIT = '(?:件|起|宗|次|个|例)';
const TAIL = `(?:案件|申请)?(?:数量?|共计?)?(?:为|是)?[:：]?\\s*(${COUNT_SOURCE})\\s*${UNIT}`;
const RECONSIDERATION = new Search(new RegExp(`(?:行政)?复议${TAIL}`, 'g'), '复议');
const LAWSUIT = new Search(new RegExp(`(?:行政)?诉讼${TAIL}`, 'g'), '诉讼');
/** Names both: one walk serves both kinds. */
const BOTH = new Search(
  new RegExp(
    `行政复议(?:和|与|及|、|或)(?:提起)?(?:行政)?诉讼(?:案件)?(?:数量)?(?:均|都)(?:为|是)?\\s*(${COUNT_SOURCE})\\s*${UNIT}?`,
    'g',
  ),
  '复议',
);
/** Each match names 行政复议 or 行政诉讼: one walk serves both kinds, each keeping those that name it. */
const NONE = new Search(
  new RegExp(
    '(?:(?:没有|并未|均未|未)(?:发生|出现|收到|接到|产生|涉及|因|被)|无(?=因|涉及|行政复议|行政诉讼))' +
      '[^。；;，,\\d０-９]{0,24}?(?:行政复议|行政诉讼)[^。；;，,\\d０-９]{0,24}',
    'g',
  ),
  ['复议', '诉讼'],
);
const ABOUT_DISCLOSURE = /信息公开|依申请/;

type Kind = 'reconsideration' | 'lawsuit';

const RECONSIDERATION_TOTAL = ['reviews.reconsideration.total'];
const LAWSUIT_TOTALS = ['reviews.lawsuitDirect.total', 'reviews.lawsuitAfterReconsideration.total'];
const RECONSIDERATION_SLOTS = slotsOf(RECONSIDERATION_TOTAL);
const LAWSUIT_SLOTS = slotsOf(LAWSUIT_TOTALS);

function relevant(s: Statement): boolean {
  return s.section === 4 || ABOUT_DISCLOSURE.test(s.sentence);
}

function* stated(ctx: RuleContext, kind: Kind): Generator<Stated> {
  const word = kind === 'reconsideration' ? '复议' : '诉讼';
  for (const search of [kind === 'reconsideration' ? RECONSIDERATION : LAWSUIT, BOTH]) {
    for (const s of statements(ctx, search)) {
      const value = parseCount(s.match[1]!);
      if (value !== undefined && relevant(s)) yield { statement: s, value };
    }
  }
  for (const s of statements(ctx, NONE)) {
    if (s.match[0].includes(`行政${word}`) && relevant(s)) yield { statement: s, value: 0 };
  }
}

export const textReviews = defineRule({
  id: 'text.reviews',
  severity: 'warning',
  citation: '条例第五十条第（三）项',
  title: '正文所述行政复议、行政诉讼数与表四不一致',
  scope: 'tables',
  check(ctx, report) {
    compareStated(ctx, report, {
      stated: stated(ctx, 'reconsideration'),
      ids: RECONSIDERATION_TOTAL,
      slots: RECONSIDERATION_SLOTS,
      what: '行政复议',
    });
    // The narrative counts lawsuits as one number: compare with both groups together.
    compareStated(ctx, report, {
      stated: stated(ctx, 'lawsuit'),
      ids: LAWSUIT_TOTALS,
      slots: LAWSUIT_SLOTS,
      what: '行政诉讼',
      cellLabel: '表四 行政诉讼（未经复议直接起诉、复议后起诉）总计',
    });
  },
});
