/**
 * cell.unitAssumed: the 2019 format's 采购总金额 (第二十条第（九）项, 国办公开办函〔2019〕60号) prints
 * no unit; a number printed without one is read as 万元, which a reviewer should confirm.
 */
import { slotOf } from '../record/cell-list.ts';
import { describeCell } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';

/** From this much on, a 万元 amount for a body's purchases is more likely 元 typed without a unit. */
const LIKELY_YUAN = 10000;

export const cellUnitAssumed = defineRule({
  id: 'cell.unitAssumed',
  severity: 'info',
  citation: '国办公开办函〔2019〕60号（第二十条第（九）项 采购总金额）',
  title: '采购总金额未注明单位，按万元读取',
  scope: 'tables',
  check(ctx, report) {
    const { record, slots, format, facts } = ctx;
    for (const id of facts.unitAssumed) {
      const origin = record.origins![id]!;
      const slot = slotOf(id);
      // An origin of a cell that is not an official one (a record from elsewhere): the flat map has its value.
      const value = slot >= 0 ? slots[slot] : ctx.cells[id];
      // Nothing is nothing in either unit.
      if (typeof value !== 'number' || value === 0) continue;
      const hint = value >= LIKELY_YUAN ? `；若单位是元，应为 ${value / 10000} 万元` : '';
      report(`${describeCell(format!, id)}填报为「${origin.text}」，未注明单位，按万元读取${hint}`, {
        cells: [id],
        actual: value,
      });
    }
  },
});
