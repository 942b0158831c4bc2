/** Cell values for arithmetic: blanks as 0, absent or undetermined cells as undecidable. */
import { SLOT_IDS } from '../../record/cell-list.ts';
import type { ReportRecord } from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';

/** The recogniser could not tell this cell's value (short row, run-together digits). */
export function isUndetermined(record: ReportRecord, id: string): boolean {
  return record.origins?.[id]?.undetermined !== undefined;
}

/**
 * A cell's value for a sum or a comparison, by slot (record/cell-list.ts). A blank counts as 0 (the format asks
 * for 0 where there is none; the blank is its own finding). Undefined when the table lacks the cell or its
 * value was not determined: the check cannot decide then, and says nothing.
 */
export function amount(ctx: RuleContext, slot: number): number | undefined {
  const value = ctx.slots[slot];
  if (value === undefined) return undefined;
  if (value === null) return isUndetermined(ctx.record, SLOT_IDS[slot]!) ? undefined : 0;
  return value;
}

/** The sum of cells by slot, blanks as 0; undefined as soon as one cell cannot be read. */
export function sum(ctx: RuleContext, slots: readonly number[]): number | undefined {
  let total = 0;
  for (const slot of slots) {
    const value = amount(ctx, slot);
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}
