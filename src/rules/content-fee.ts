/**
 * content.fee: in the 2021 format, 六、其他需要报告的事项 must report the 信息处理费 charged under
 * 国办函〔2020〕109号 (国办公开办函〔2021〕30号; 条例 art. 42 allows the fee). A nil statement
 * (「不涉及…信息处理费」) counts as reporting. When 表三 （六）2 counts requests dropped for an unpaid
 * fee, fee notices were sent, and 六 should say so.
 */
import { slotsOf } from '../record/cell-list.ts';
import { defineRule } from './helpers/define.ts';
import { shorten } from './helpers/phrasing.ts';
import { sectionText } from './helpers/prose.ts';
import { amount } from './helpers/values.ts';

const ANY_FEE = /处理费|收费|收取[^。；]{0,10}费|缴费|费用/;
const FEE_NOTICE = /收费通知|信息处理费/;
const UNPAID = 'requests.other.unpaidFee.total';
const [UNPAID_SLOT] = slotsOf([UNPAID]) as [number];

export const contentFee = defineRule({
  id: 'content.fee',
  severity: 'warning',
  citation: '条例第四十二条；国办函〔2020〕109号；国办公开办函〔2021〕30号（六、其他需要报告的事项）',
  title: '其他需要报告的事项未报告信息处理费收取情况',
  scope: 'structure',
  check(ctx, report) {
    if (ctx.record.format !== '2021') return;
    const text = sectionText(ctx.record, 6);
    if (text === undefined) return;
    const unpaid = amount(ctx, UNPAID_SLOT) ?? 0;
    const unpaidNote =
      unpaid > 0 ? `；表三（六）其他处理 2.逾期未缴纳费用 为 ${unpaid} 件，说明发出过收费通知` : '';
    const quote = { section: 6, quote: shorten(text.trim(), 200) };
    if (!ANY_FEE.test(text)) {
      report(
        `「六、其他需要报告的事项」未说明信息处理费的收取情况（没有收取的也应说明）${unpaidNote}`,
        unpaid > 0 ? { text: quote, cells: [UNPAID], actual: unpaid } : { text: quote },
      );
    } else if (unpaid > 0 && !FEE_NOTICE.test(text)) {
      report(
        `表三（六）其他处理 2.逾期未缴纳费用 为 ${unpaid} 件，但「六、其他需要报告的事项」未报告收费通知和信息处理费情况`,
        {
          text: quote,
          cells: [UNPAID],
          actual: unpaid,
        },
      );
    }
  },
});
