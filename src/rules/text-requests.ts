/**
 * text.requests: the narrative's count of requests received differs from 表三 一、本年新收 总计
 * (条例 art. 50 (二): the report states the requests received and processed; text and table must agree).
 *
 * Only clear statements count: a verb of receiving (收到、新收、受理、接收、接到) before 「…信息公开申请
 * N件」, or 「未收到…申请」 for none. 「收到」 means 新收, not 新收 + 上年结转. A clause about 行政复议 or
 * 行政诉讼 is not about requests, and 「依申请公开的政府信息2条」 counts information, not requests.
 */
import { slotsOf } from '../record/cell-list.ts';
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { clauseBefore, Search, statements } from './helpers/prose.ts';
import { amount } from './helpers/values.ts';
import type { RuleContext } from './rule.ts';

const OBJECT = '(?:(?:政府)?信息公开申请|依申请公开(?:政府信息)?(?:申请)?|公开申请)(?!人)';
const BETWEEN = '[^。；;，,、\\d０-９]{0,16}?';
const COUNTED = new Search(
  new RegExp(
    `(?:新收|收到|受理|接收|接到)(?:了)?${BETWEEN}${OBJECT}(?:事项|信息)?(?:共计?|总计|合计|总数|数量|数)?(?:为|是)?[:：]?\\s*(${COUNT_SOURCE})\\s*(?:件|个|宗|份|次|条|笔|例)`,
    'g',
  ),
  '申请',
);
const NONE = new Search(
  new RegExp(`(?:未|没有|无|暂无|均未)(?:收到|受理|接收|接到)(?:过)?(?:任何)?${BETWEEN}${OBJECT}`, 'g'),
  '申请',
);
const REVIEW_WORDS = /复议|诉讼/;
const RECEIVED = ['requests.received.total'];
const RECEIVED_SLOTS = slotsOf(RECEIVED);
const [CARRIED_OVER] = slotsOf(['requests.carriedOver.total']) as [number];

function* stated(ctx: RuleContext): Generator<Stated> {
  for (const search of [COUNTED, NONE]) {
    for (const s of statements(ctx, search)) {
      const clause = clauseBefore(s.text, s.match.index) + s.match[0];
      if (REVIEW_WORDS.test(clause)) continue;
      const value = s.match[1] === undefined ? 0 : parseCount(s.match[1]);
      if (value !== undefined) yield { statement: s, value };
    }
  }
}

export const textRequests = defineRule({
  id: 'text.requests',
  severity: 'warning',
  citation: '条例第五十条第（二）项',
  title: '正文所述收到申请数与表三不一致',
  scope: 'tables',
  check(ctx, report) {
    const carried = amount(ctx, CARRIED_OVER) ?? 0;
    compareStated(ctx, report, {
      stated: stated(ctx),
      ids: RECEIVED,
      slots: RECEIVED_SLOTS,
      what: '收到政府信息公开申请',
      note: carriedNote.bind(null, carried),
    });
  },
});

/**
 * The explanation when the stated count is 新收 plus 上年结转. A module function bound per report rather than
 * an arrow in check(): the loader names every such arrow at run time, at a cost on each report.
 */
function carriedNote(carried: number, said: number, cell: number): string {
  return carried > 0 && said === cell + carried
    ? '（正文数字是新收与上年结转之和；「收到」应只计本年新收）'
    : '';
}
