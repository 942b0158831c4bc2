/**
 * The corpus checks (checks.md, "Across reports"): pure functions of plain records, independent of
 * storage. `crossYearFindings` compares a body's consecutive reports; `SimilarityIndex` and
 * `similarityFindings` find near-identical narrative sections at corpus scale; `corpusFindings` runs both
 * over a batch. The store calls the same functions at ingest (docs/corpus.md).
 */
import type { Severity } from '../diagnostics/index.ts';
import { CROSS_YEAR_RULES, CROSS_YEAR_RULE_IDS } from './cross-year/index.ts';
import { SIMILARITY_RULES, SIMILARITY_RULE_IDS } from './similarity/findings.ts';

export {
  crossYearFindings,
  yearFacts,
  CROSS_YEAR_RULES,
  CROSS_YEAR_RULES_BY_ID,
  CROSS_YEAR_RULE_IDS,
  MAGNITUDE_RATIO,
  type CrossYearRule,
  type CrossYearRuleId,
  type YearFacts,
} from './cross-year/index.ts';
export { SimilarityIndex } from './similarity/similarity-index.ts';
export { profileReport, type ReportProfile } from './similarity/profile.ts';
export { decodeProfile, encodeProfile, sentenceTexts } from './similarity/profile-codec.ts';
export {
  affectedReports,
  matchedSimilarityFindings,
  similarityCheck,
  similarityFindings,
  SIMILARITY_RULES,
  SIMILARITY_RULES_BY_ID,
  SIMILARITY_RULE_IDS,
  type MatchedFinding,
  type SimilarityCheck,
  type SimilarityOptions,
  type SimilarityRuleId,
} from './similarity/findings.ts';
export type { SimilarityRule } from './similarity/rule.ts';
export {
  DEFAULT_BUCKET_WALK,
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_PARAMS,
  DEFAULT_THRESHOLD,
  type SimilarityParams,
} from './similarity/params.ts';
export type { Match, QueryOptions, QueryStats, ReportKey } from './similarity/types.ts';
export { bodyKeyOf, corpusFindings, reportKeyOf, type CorpusEntry, type CorpusOptions } from './batch.ts';

/** Every corpus rule id, in the order a report's corpus findings are produced. */
export const CORPUS_RULE_IDS = [...CROSS_YEAR_RULE_IDS, ...SIMILARITY_RULE_IDS] as const;
export type CorpusRuleId = (typeof CORPUS_RULE_IDS)[number];

/** What a listing of the checks shows of each corpus rule. */
export interface CorpusRuleInfo {
  id: CorpusRuleId;
  severity: Severity;
  citation: string;
  title: string;
}

export const CORPUS_RULES: readonly CorpusRuleInfo[] = [...CROSS_YEAR_RULES, ...SIMILARITY_RULES].map(
  ({ id, severity, citation, title }) => ({ id: id as CorpusRuleId, severity, citation, title }),
);
