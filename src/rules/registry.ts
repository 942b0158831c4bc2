/**
 * Every single-report rule (shared spec checks.md, "On one report"), keyed by id. The map's type
 * makes it complete: an id in RULE_IDS without its rule, or a rule without its id, does not compile.
 */
import type { Rule } from './rule.ts';
import { cellBlank } from './cell-blank.ts';
import { cellNegative } from './cell-negative.ts';
import { cellText } from './cell-text.ts';
import { cellUndetermined } from './cell-undetermined.ts';
import { cellUnitAssumed } from './cell-unit-assumed.ts';
import { contentAccountability } from './content-accountability.ts';
import { contentFee } from './content-fee.ts';
import { contentOtherYear } from './content-other-year.ts';
import { contentOverview } from './content-overview.ts';
import { contentProblems } from './content-problems.ts';
import { contentSelfReference } from './content-self-reference.ts';
import { dateBeforeYearEnd } from './date-before-year-end.ts';
import { dateLate } from './date-late.ts';
import { formatLegacy } from './format-legacy.ts';
import { formatMismatch } from './format-mismatch.ts';
import { periodPartial } from './period-partial.ts';
import { requestsBalance } from './requests-balance.ts';
import { requestsOutcomeSum } from './requests-outcome-sum.ts';
import { requestsRowTotal } from './requests-row-total.ts';
import { reviewsTotal } from './reviews-total.ts';
import { sectionMissing } from './section-missing.ts';
import { sectionOrder } from './section-order.ts';
import { tableColumnMissing } from './table-column-missing.ts';
import { tableExtra } from './table-extra.ts';
import { tableMissing } from './table-missing.ts';
import { tableRowMissing } from './table-row-missing.ts';
import { tableRowShort } from './table-row-short.ts';
import { textActive } from './text-active.ts';
import { textCarry } from './text-carry.ts';
import { textRequests } from './text-requests.ts';
import { textReviews } from './text-reviews.ts';

/** The ids, in the order findings of a report are produced (checks.md order, proposals beside their kin). */
export const RULE_IDS = [
  'format.mismatch',
  'format.legacy',
  'section.missing',
  'section.order',
  'table.missing',
  'table.rowMissing',
  'table.columnMissing',
  'table.rowShort',
  'table.extra',
  'cell.blank',
  'cell.text',
  'cell.negative',
  'cell.unitAssumed',
  'cell.undetermined',
  'requests.balance',
  'requests.outcomeSum',
  'requests.rowTotal',
  'reviews.total',
  'text.requests',
  'text.carry',
  'text.reviews',
  'text.active',
  'date.beforeYearEnd',
  'date.late',
  'period.partial',
  'content.overview',
  'content.accountability',
  'content.problems',
  'content.fee',
  'content.selfReference',
  'content.otherYear',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const RULES_BY_ID: { readonly [K in RuleId]: Rule } = {
  'format.mismatch': formatMismatch,
  'format.legacy': formatLegacy,
  'section.missing': sectionMissing,
  'section.order': sectionOrder,
  'table.missing': tableMissing,
  'table.rowMissing': tableRowMissing,
  'table.columnMissing': tableColumnMissing,
  'table.rowShort': tableRowShort,
  'table.extra': tableExtra,
  'cell.blank': cellBlank,
  'cell.text': cellText,
  'cell.negative': cellNegative,
  'cell.unitAssumed': cellUnitAssumed,
  'cell.undetermined': cellUndetermined,
  'requests.balance': requestsBalance,
  'requests.outcomeSum': requestsOutcomeSum,
  'requests.rowTotal': requestsRowTotal,
  'reviews.total': reviewsTotal,
  'text.requests': textRequests,
  'text.carry': textCarry,
  'text.reviews': textReviews,
  'text.active': textActive,
  'date.beforeYearEnd': dateBeforeYearEnd,
  'date.late': dateLate,
  'period.partial': periodPartial,
  'content.overview': contentOverview,
  'content.accountability': contentAccountability,
  'content.problems': contentProblems,
  'content.fee': contentFee,
  'content.selfReference': contentSelfReference,
  'content.otherYear': contentOtherYear,
};

/** Every rule, in RULE_IDS order. */
export const RULES: readonly Rule[] = RULE_IDS.map((id) => RULES_BY_ID[id]);
