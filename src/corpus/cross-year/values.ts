/** Cell values of one year for the comparisons: blanks as 0, absent or undetermined cells as undecidable. */
import { cellDef } from '../../record/index.ts';
import type { YearSide } from './rule.ts';

/**
 * A cell's value for a sum or a comparison. A blank counts as 0, as in the official identities
 * (report-record.md); undefined when the table lacks the cell or recognition could not tell its value:
 * the check cannot decide then, and says nothing.
 */
export function amount(side: YearSide, id: string): number | undefined {
  const value = side.cells[id];
  if (value === undefined) return undefined;
  if (value === null) return side.undetermined.has(id) ? undefined : 0;
  return value;
}

/** 「二、上年结转政府信息公开申请数量 自然人列」: the row and column of a cell without the table name. */
export function rowAndColumn(side: YearSide, id: string): string {
  const def = cellDef(side.format, id);
  if (!def) return id;
  return def.table === 'requests'
    ? `${def.row.label} ${def.column.label}列`
    : `${def.row.label} ${def.column.label}`;
}

/** A number as the report would print it: no float noise from sums of money. */
export function printed(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}
