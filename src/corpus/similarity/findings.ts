/**
 * The similarity findings of one report against an index of the corpus: for each narrative section, the
 * most similar section of the same body's previous report (similarity.ownPast) and of another body's
 * report of the same year (similarity.peer). One finding per rule and section, naming the best match.
 */
import { finding, type Finding } from '../../diagnostics/index.ts';
import type { ReportRecord } from '../../record/index.ts';
import type { ReportProfile } from './profile.ts';
import { similarityOwnPast } from './own-past.ts';
import { similarityPeer } from './peer.ts';
import type { SimilarityRule } from './rule.ts';
import type { SimilarityIndex } from './similarity-index.ts';
import type { Match, ReportKey } from './types.ts';

export const SIMILARITY_RULE_IDS = ['similarity.ownPast', 'similarity.peer'] as const;
export type SimilarityRuleId = (typeof SIMILARITY_RULE_IDS)[number];

/** Complete by type, like the single-report registry. */
export const SIMILARITY_RULES_BY_ID: { readonly [K in SimilarityRuleId]: SimilarityRule } = {
  'similarity.ownPast': similarityOwnPast,
  'similarity.peer': similarityPeer,
};

export const SIMILARITY_RULES: readonly SimilarityRule[] = SIMILARITY_RULE_IDS.map(
  (id) => SIMILARITY_RULES_BY_ID[id],
);

export interface SimilarityOptions {
  /** Near-identical from this similarity on (0–1). Default 0.85. */
  threshold?: number;
}

/**
 * `report` is the record or its profile (`profileReport`); `key` is the report's own key, excluded when the
 * index already holds the report. Matches come sorted by section then similarity, so the first per section
 * and rule is the best one.
 */
export function similarityFindings(
  report: ReportRecord | ReportProfile,
  key: ReportKey,
  index: SimilarityIndex,
  options: SimilarityOptions = {},
): Finding[] {
  return matchedSimilarityFindings(report, key, index, options).map((m) => m.finding);
}

/** A similarity finding with the match it names: the store records which report was copied. */
export interface MatchedFinding {
  finding: Finding;
  match: Match;
}

/** `similarityFindings`, each with the best match it reports. */
export function matchedSimilarityFindings(
  report: ReportRecord | ReportProfile,
  key: ReportKey,
  index: SimilarityIndex,
  options: SimilarityOptions = {},
): MatchedFinding[] {
  return checkSimilarity(report, key, index, options, false).findings;
}

export interface SimilarityCheck {
  /** `similarityFindings`, each with the best match it reports. */
  findings: MatchedFinding[];
  /** `affectedReports`. */
  affected: ReportKey[];
}

/**
 * `similarityFindings` and `affectedReports` from one query of the index: what the store needs when a
 * report arrives, at the cost of one walk of its buckets instead of two.
 */
export function similarityCheck(
  report: ReportRecord | ReportProfile,
  key: ReportKey,
  index: SimilarityIndex,
  options: SimilarityOptions = {},
): SimilarityCheck {
  return checkSimilarity(report, key, index, options, true);
}

/** The query behind both: `withAffected` also accepts the reports `affectedReports` looks for. */
function checkSimilarity(
  report: ReportRecord | ReportProfile,
  key: ReportKey,
  index: SimilarityIndex,
  options: SimilarityOptions,
  withAffected: boolean,
): SimilarityCheck {
  if (key.year === null) return { findings: [], affected: [] };
  const year = key.year;
  const affects = (other: ReportKey) => changesFindingsOf(key, year, other);
  const compared = (other: ReportKey) => SIMILARITY_RULES.some((rule) => rule.compares(key, other));
  const matches = index.query(report, {
    excludeId: key.id,
    scope: key,
    accept: withAffected ? (other) => compared(other) || affects(other) : compared,
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  });
  const findings: MatchedFinding[] = [];
  for (const rule of SIMILARITY_RULES) {
    const mine = matches.filter((m) => rule.compares(key, m.key));
    for (const section of new Set(mine.map((m) => m.section))) {
      const ofSection = mine.filter((m) => m.section === section);
      findings.push({ finding: toFinding(rule, ofSection[0]!, ofSection.length - 1), match: ofSection[0]! });
    }
  }
  return { findings, affected: withAffected ? distinctKeys(matches.filter((m) => affects(m.key))) : [] };
}

function toFinding(rule: SimilarityRule, match: Match, others: number): Finding {
  return finding(rule.id, rule.severity, rule.message(match, others), {
    text: { section: match.section, quote: match.passage ?? match.excerpt },
  });
}

/**
 * The reports whose similarity findings may change when `key`'s report arrives or leaves: the same body's
 * report of the next year (its similarity.ownPast looks back at this one) and the other bodies' reports of
 * the same year that this one matches (their similarity.peer). The store recomputes their findings with
 * `similarityFindings` — after adding a report, and before removing or replacing one (then again after).
 */
export function affectedReports(
  report: ReportRecord | ReportProfile,
  key: ReportKey,
  index: SimilarityIndex,
  options: SimilarityOptions = {},
): ReportKey[] {
  if (key.year === null) return [];
  const year = key.year;
  const matches = index.query(report, {
    excludeId: key.id,
    scope: key,
    accept: (other) => changesFindingsOf(key, year, other),
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
  });
  return distinctKeys(matches);
}

/**
 * Whether `other` is the same body's next report or another body's of the same year. Years are compared
 * first: most candidates of a query differ in year, and a year sits in the key where a body key is a
 * string elsewhere in memory.
 */
function changesFindingsOf(key: ReportKey, year: number, other: ReportKey): boolean {
  if (other.year === year + 1) return other.bodyKey === key.bodyKey;
  return other.year === year && other.bodyKey !== key.bodyKey;
}

/** The reports of some matches, each once, in id order. */
function distinctKeys(matches: readonly Match[]): ReportKey[] {
  const byId = new Map(matches.map((m) => [m.key.id, m.key]));
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
