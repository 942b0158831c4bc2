/**
 * Every check between a body's consecutive reports (checks.md, "Across reports"), keyed by id. The
 * map's type makes it complete: an id without its rule, or a rule without its id, does not compile.
 */
import { crossYearCarry } from './carry.ts';
import { crossYearInForce } from './in-force.ts';
import { crossYearMagnitude } from './magnitude.ts';
import { crossYearPrevious } from './previous.ts';
import type { CrossYearRule } from './rule.ts';

export const CROSS_YEAR_RULE_IDS = [
  'crossYear.carry',
  'crossYear.inForce',
  'crossYear.previous',
  'crossYear.magnitude',
] as const;

export type CrossYearRuleId = (typeof CROSS_YEAR_RULE_IDS)[number];

export const CROSS_YEAR_RULES_BY_ID: { readonly [K in CrossYearRuleId]: CrossYearRule } = {
  'crossYear.carry': crossYearCarry,
  'crossYear.inForce': crossYearInForce,
  'crossYear.previous': crossYearPrevious,
  'crossYear.magnitude': crossYearMagnitude,
};

export const CROSS_YEAR_RULES: readonly CrossYearRule[] = CROSS_YEAR_RULE_IDS.map(
  (id) => CROSS_YEAR_RULES_BY_ID[id],
);
