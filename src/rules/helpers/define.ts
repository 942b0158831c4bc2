/** Building a rule from its metadata and a check that reports findings one by one. */
import { finding, type Finding } from '../../diagnostics/index.ts';
import type { Rule, RuleContext } from '../rule.ts';

/** Everything a finding carries besides rule, severity and message. */
export type FindingExtra = Omit<Finding, 'rule' | 'severity' | 'message'>;
export type Report = (message: string, extra?: FindingExtra) => void;

/**
 * When a rule applies:
 * - `tables`: only to the official table formats (2019/2021); legacy and unrecognised reports skip;
 * - `structure`: to every report except legacy ones, whose six-part structure predates the 2019 format;
 * - `any`: to every report.
 */
export type Scope = 'tables' | 'structure' | 'any';

export interface RuleDefinition extends Omit<Rule, 'check'> {
  scope: Scope;
  check(ctx: RuleContext, report: Report): void;
}

export function defineRule(def: RuleDefinition): Rule {
  const { id, severity, citation, title, scope } = def;
  /*
   * One report function per rule rather than a closure per check: it adds to the findings of the check under
   * way. A check runs to its end before the next one starts (nothing keeps `report` past it), so one list
   * at a time is enough.
   */
  let out: Finding[] = [];
  const report: Report = (message, extra = {}) => {
    out.push(finding(id, severity, message, extra));
  };
  return {
    id,
    severity,
    citation,
    title,
    check(ctx) {
      if (scope === 'tables' && ctx.format === null) return [];
      if (scope === 'structure' && ctx.record.format === 'legacy') return [];
      const found: Finding[] = (out = []);
      def.check(ctx, report);
      return found;
    },
  };
}
