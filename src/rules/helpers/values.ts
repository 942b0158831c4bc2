/** Cell values for arithmetic: blanks as 0, absent or undetermined cells as undecidable. */
import type { ReportRecord } from '../../record/index.ts';
import type { RuleContext } from '../rule.ts';

/** The recogniser could not tell this cell's value (short row, run-together digits). */
export function isUndetermined(record: ReportRecord, id: string): boolean {
  return record.origins?.[id]?.undetermined !== undefined;
}

/**
 * A cell's value for a sum or a comparison. A blank counts as 0 (the format asks for 0 where there is
 * none; the blank is its own finding). Undefined when the table lacks the cell or its value was not
 * determined: the check cannot decide then, and says nothing.
 */
export function amount(ctx: RuleContext, id: string): number | undefined {
  const value = ctx.cells[id];
  if (value === undefined) return undefined;
  if (value === null) return isUndetermined(ctx.record, id) ? undefined : 0;
  return value;
}

/** The sum of cells, blanks as 0; undefined as soon as one cell cannot be read. */
export function sum(ctx: RuleContext, ids: readonly string[]): number | undefined {
  let total = 0;
  for (const id of ids) {
    const value = amount(ctx, id);
    if (value === undefined) return undefined;
    total += value;
  }
  return total;
}
