/**
 * crossYear.previous: in the 2019 format (国办公开办函〔2019〕60号 表二 第二十条第（五）（六）（八）项),
 * this year's 上一年项目数量 should be last year's 上一年项目数量 plus its 本年增/减
 * (report-record.md, the between-years identities). Only `info`: items merged or re-counted by a
 * reform of the catalogue of powers can explain a gap.
 */
import { describeCell } from '../../record/index.ts';
import { defineCrossYearRule } from './rule.ts';
import { amount } from './values.ts';

const ROWS = ['licensing', 'otherServices', 'punishment', 'coercion', 'fees'].map((row) => ({
  previous: `active.${row}.previous`,
  change: `active.${row}.change`,
}));

export const crossYearPrevious = defineCrossYearRule({
  id: 'crossYear.previous',
  severity: 'info',
  citation: '条例第二十条第（五）（六）（八）项；国办公开办函〔2019〕60号（表二 上一年项目数量、本年增/减）',
  title: '表二 上一年项目数量与上年报告的上一年项目数量加本年增/减不一致',
  formats: { previous: '2019', current: '2019' },
  check({ previous, current }, report) {
    for (const ids of ROWS) {
      const now = amount(current, ids.previous);
      const before = amount(previous, ids.previous);
      const change = amount(previous, ids.change);
      if (now === undefined || before === undefined || change === undefined) continue;
      const expected = before + change;
      if (now === expected) continue;
      const signed = change < 0 ? `减 ${-change}` : `加 ${change}`;
      report(
        `${describeCell(current.format, ids.previous)}为 ${now}，但 ${previous.year} 年报告的上一年项目数量 ${before}` +
          ` ${signed}（本年增/减）应为 ${expected}；事项调整或重新统计也可能造成差异，请核实`,
        { cells: [ids.previous], expected, actual: now },
      );
    }
  },
});
