/**
 * text.carry: the narrative's 上年结转 or 结转下年度 count differs from 表三 二、上年结转 or
 * 四、结转下年度继续办理 总计 (条例 art. 50 (二); 国办公开办函〔2019〕60号、〔2021〕30号).
 */
import { slotsOf } from '../record/cell-list.ts';
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { Search, statements } from './helpers/prose.ts';
import type { RuleContext } from './rule.ts';

const TAIL = `(?:的)?(?:[^。；;，,、\\d０-９]{0,10}?申请)?(?:数量?|共计?)?(?:为|是)?[:：]?\\s*(${COUNT_SOURCE})\\s*(?:件|个|宗|份|条|次)`;
const CARRIED_OVER = new Search(new RegExp(`上一?年度?结转${TAIL}`, 'g'), '结转');
const CARRIED_FORWARD = new Search(
  new RegExp(`结转(?:至|到|入)?下一?年度?(?:继续)?(?:办理)?${TAIL}`, 'g'),
  '结转',
);

const CARRIED_OVER_TOTAL = ['requests.carriedOver.total'];
const CARRIED_FORWARD_TOTAL = ['requests.carriedForward.total'];
const CARRIED_OVER_SLOTS = slotsOf(CARRIED_OVER_TOTAL);
const CARRIED_FORWARD_SLOTS = slotsOf(CARRIED_FORWARD_TOTAL);

function* stated(ctx: RuleContext, search: Search): Generator<Stated> {
  for (const s of statements(ctx, search)) {
    const value = parseCount(s.match[1]!);
    if (value !== undefined) yield { statement: s, value };
  }
}

export const textCarry = defineRule({
  id: 'text.carry',
  severity: 'warning',
  citation: '条例第五十条第（二）项；国办公开办函〔2019〕60号、〔2021〕30号（表三第二、四项）',
  title: '正文所述结转申请数与表三不一致',
  scope: 'tables',
  check(ctx, report) {
    compareStated(ctx, report, {
      stated: stated(ctx, CARRIED_OVER),
      ids: CARRIED_OVER_TOTAL,
      slots: CARRIED_OVER_SLOTS,
      what: '上年结转申请',
    });
    compareStated(ctx, report, {
      stated: stated(ctx, CARRIED_FORWARD),
      ids: CARRIED_FORWARD_TOTAL,
      slots: CARRIED_FORWARD_SLOTS,
      what: '结转下年度继续办理的申请',
    });
  },
});
