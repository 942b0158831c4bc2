/** The contract of a similarity check: which other reports it compares with, and how it words a match. */
import type { Severity } from '../../diagnostics/index.ts';
import { SECTIONS } from '../../record/index.ts';
import type { Match, ReportKey } from './types.ts';

export interface SimilarityRule {
  /** Stable id from checks.md. */
  id: string;
  severity: Severity;
  citation: string;
  title: string;
  /** Whether `other` is a report this rule compares `self` with. */
  compares(self: ReportKey, other: ReportKey): boolean;
  /** The finding's message for the best match of a section and how many other reports matched it too. */
  message(match: Match, others: number): string;
}

/** 「五、存在的主要问题及改进情况」. */
export function sectionName(number: number): string {
  const def = SECTIONS[number - 1];
  return def ? `${def.numeral}、${def.title}` : `第${number}部分`;
}

/** 「振兴街道2020年报告」, or the report's id when it names no body. */
export function reportName(key: ReportKey): string {
  const body = key.agency ?? `报告 ${key.id} `;
  return key.year === null ? `${body}的报告` : `${body}${key.year}年报告`;
}

/** A quote short enough for a message; the full passage goes to `text.quote`. */
function shorten(text: string, max = 60): string {
  const plain = text.endsWith('…') ? text.slice(0, -1) : text;
  return plain.length > max ? `${plain.slice(0, max)}…` : text;
}

/** The common wording: 「… 与 X 的相应部分几乎相同（相似度 96%），共有段落：「…」」. */
export function describeMatch(match: Match): string {
  const percent = Math.floor(match.similarity * 100);
  const shared = match.passage ? `，共有段落：「${shorten(match.passage)}」` : '，只是逐句略有改动';
  return `${sectionName(match.section)} 与 ${reportName(match.key)}的相应部分几乎相同（相似度 ${percent}%）${shared}`;
}
