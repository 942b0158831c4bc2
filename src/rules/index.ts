/** The single-report checks (年报体检): run every registered rule over a report record. */
import type { Finding } from '../diagnostics/index.ts';
import { cellsOf, isOfficialFormat, type ReportRecord } from '../record/index.ts';
import { RULES } from './registry.ts';
import type { CheckOptions, RuleContext } from './rule.ts';

/** Every finding of every rule on one record, rule by rule in registry order. The record is not changed. */
export function checkRecord(record: ReportRecord, options: CheckOptions = {}): Finding[] {
  const ctx: RuleContext = {
    record,
    cells: cellsOf(record),
    format: isOfficialFormat(record.format) ? record.format : null,
    options,
  };
  const findings: Finding[] = [];
  for (const rule of RULES) findings.push(...rule.check(ctx));
  return findings;
}

export { RULES, RULES_BY_ID, RULE_IDS, type RuleId } from './registry.ts';
export type { CheckOptions, Rule, RuleContext } from './rule.ts';
