/**
 * text.carry: the narrative's 上年结转 or 结转下年度 count differs from 表三 二、上年结转 or
 * 四、结转下年度继续办理 总计 (条例 art. 50 (二); 国办公开办函〔2019〕60号、〔2021〕30号).
 */
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { statements } from './helpers/prose.ts';
import type { RuleContext } from './rule.ts';

const TAIL = `(?:的)?(?:[^。；;，,、\\d０-９]{0,10}?申请)?(?:数量?|共计?)?(?:为|是)?[:：]?\\s*(${COUNT_SOURCE})\\s*(?:件|个|宗|份|条|次)`;
const CARRIED_OVER = new RegExp(`上一?年度?结转${TAIL}`, 'g');
const CARRIED_FORWARD = new RegExp(`结转(?:至|到|入)?下一?年度?(?:继续)?(?:办理)?${TAIL}`, 'g');

function* stated(ctx: RuleContext, pattern: RegExp): Generator<Stated> {
  for (const s of statements(ctx.record, pattern, '结转')) {
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
      ids: ['requests.carriedOver.total'],
      what: '上年结转申请',
    });
    compareStated(ctx, report, {
      stated: stated(ctx, CARRIED_FORWARD),
      ids: ['requests.carriedForward.total'],
      what: '结转下年度继续办理的申请',
    });
  },
});
