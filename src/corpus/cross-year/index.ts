/** The checks between a body's consecutive years: run every cross-year rule over a pair of reports. */
import type { Finding } from '../../diagnostics/index.ts';
import { cellsOf, isOfficialFormat, type ReportRecord } from '../../record/index.ts';
import { CROSS_YEAR_RULES } from './registry.ts';
import type { CrossYearContext, YearSide } from './rule.ts';

function side(record: ReportRecord): YearSide | undefined {
  if (!isOfficialFormat(record.format) || record.year === null) return undefined;
  return { record, cells: cellsOf(record), format: record.format, year: record.year };
}

/**
 * The findings of every cross-year rule on `current`, compared with the same body's report of the year
 * before. Nothing when either report is not in an official table format, a year is unknown, or the two
 * are not consecutive years: there is nothing the checks can decide then. Neither record is changed.
 */
export function crossYearFindings(previous: ReportRecord, current: ReportRecord): Finding[] {
  const before = side(previous);
  const now = side(current);
  if (!before || !now || now.year !== before.year + 1) return [];
  const ctx: CrossYearContext = { previous: before, current: now };
  return CROSS_YEAR_RULES.flatMap((rule) => rule.check(ctx));
}

export {
  CROSS_YEAR_RULES,
  CROSS_YEAR_RULES_BY_ID,
  CROSS_YEAR_RULE_IDS,
  type CrossYearRuleId,
} from './registry.ts';
export type { CrossYearContext, CrossYearRule, YearSide } from './rule.ts';
export { MAGNITUDE_RATIO } from './magnitude.ts';
