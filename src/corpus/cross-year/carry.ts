/**
 * crossYear.carry: this year's 表三 二、上年结转政府信息公开申请数量 differs from last year's
 * 四、结转下年度继续办理, column by column. What one year carries forward is what the next year carries
 * over (条例第五十条第（二）项; 国办公开办函〔2019〕60号、〔2021〕30号 表三第二、四项). Both rows
 * and all seven columns are the same in the 2019 and 2021 formats, so the check holds across the change.
 */
import { REQUEST_COLUMNS, describeCell } from '../../record/index.ts';
import { defineCrossYearRule } from './rule.ts';
import { amount, rowAndColumn } from './values.ts';

const COLUMNS = REQUEST_COLUMNS.map((column) => ({
  carriedOver: `requests.carriedOver.${column.key}`,
  carriedForward: `requests.carriedForward.${column.key}`,
}));

export const crossYearCarry = defineCrossYearRule({
  id: 'crossYear.carry',
  severity: 'error',
  citation:
    '条例第五十条第（二）项；国办公开办函〔2019〕60号、〔2021〕30号（表三第二项上年结转、第四项结转下年度继续办理）',
  title: '表三 上年结转与上年报告的结转下年度继续办理不一致',
  check({ previous, current }, report) {
    for (const ids of COLUMNS) {
      const carriedOver = amount(current, ids.carriedOver);
      const carriedForward = amount(previous, ids.carriedForward);
      if (carriedOver === undefined || carriedForward === undefined) continue;
      if (carriedOver === carriedForward) continue;
      report(
        `${describeCell(current.format, ids.carriedOver)}为 ${carriedOver}，但 ${previous.year} 年报告` +
          ` ${rowAndColumn(previous, ids.carriedForward)}为 ${carriedForward}；本年的上年结转应等于上年结转下年度继续办理的数量`,
        { cells: [ids.carriedOver], expected: carriedForward, actual: carriedOver },
      );
    }
  },
});
