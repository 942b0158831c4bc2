/** The checks between a body's consecutive years: run every cross-year rule over a pair of reports. */
import type { Finding } from '../../diagnostics/index.ts';
import { cellsOf, isOfficialFormat, type ReportRecord } from '../../record/index.ts';
import { CROSS_YEAR_RULES } from './registry.ts';
import type { CrossYearContext, YearFacts, YearSide } from './rule.ts';

/** What the cross-year rules read of a record. */
export function yearFacts(record: ReportRecord): YearFacts {
  const undetermined: string[] = [];
  for (const [id, origin] of Object.entries(record.origins ?? {})) {
    if (origin.undetermined !== undefined) undetermined.push(id);
  }
  return { format: record.format, year: record.year, cells: cellsOf(record), undetermined };
}

function side(report: ReportRecord | YearFacts): YearSide | undefined {
  const facts = 'cells' in report ? report : yearFacts(report);
  if (!isOfficialFormat(facts.format) || facts.year === null) return undefined;
  return {
    cells: facts.cells,
    undetermined: new Set(facts.undetermined),
    format: facts.format,
    year: facts.year,
  };
}

/**
 * The findings of every cross-year rule on `current`, compared with the same body's report of the year
 * before (each a record, or its `yearFacts`). Nothing when either report is not in an official table
 * format, a year is unknown, or the two are not consecutive years: there is nothing the checks can decide
 * then. Neither report is changed.
 */
export function crossYearFindings(
  previous: ReportRecord | YearFacts,
  current: ReportRecord | YearFacts,
): Finding[] {
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
export type { CrossYearContext, CrossYearRule, YearFacts, YearSide } from './rule.ts';
export { MAGNITUDE_RATIO } from './magnitude.ts';
