/**
 * crossYear.inForce: in the 2021 format (国办公开办函〔2021〕30号 表二 第二十条第（一）项), this
 * year's 现行有效件数 should be last year's plus 本年制发件数 minus 本年废止件数, for 规章 and
 * 行政规范性文件 (条例第二十条第（一）项、第五十条第（一）项). Only `info`: documents that were
 * amended, found in a clean-up (清理) or counted differently can explain a gap, and the message says so.
 * The 2019 format's 对外公开总数量 measures something else and is never compared with 现行有效件数.
 */
import { describeCell } from '../../record/index.ts';
import { defineCrossYearRule } from './rule.ts';
import { amount } from './values.ts';

const ROWS = ['regulations', 'normativeDocuments'].map((row) => ({
  inForce: `active.${row}.inForce`,
  issued: `active.${row}.issued`,
  repealed: `active.${row}.repealed`,
}));

export const crossYearInForce = defineCrossYearRule({
  id: 'crossYear.inForce',
  severity: 'info',
  citation: '条例第二十条第（一）项、第五十条第（一）项；国办公开办函〔2021〕30号（表二 现行有效件数）',
  title: '表二 现行有效件数与上年现行有效件数加本年制发减本年废止不一致',
  formats: { previous: '2021', current: '2021' },
  check({ previous, current }, report) {
    for (const ids of ROWS) {
      const inForce = amount(current, ids.inForce);
      const issued = amount(current, ids.issued);
      const repealed = amount(current, ids.repealed);
      const before = amount(previous, ids.inForce);
      if (inForce === undefined || issued === undefined || repealed === undefined || before === undefined) {
        continue;
      }
      const expected = before + issued - repealed;
      if (inForce === expected) continue;
      report(
        `${describeCell(current.format, ids.inForce)}为 ${inForce}，但 ${previous.year} 年报告的现行有效件数 ${before}` +
          ` 加本年制发 ${issued}、减本年废止 ${repealed} 应为 ${expected}；文件修改、清理或统计口径调整也可能造成差异，请核实`,
        { cells: [ids.inForce, ids.issued, ids.repealed], expected, actual: inForce },
      );
    }
  },
});
