/**
 * The one message shape used by readers, recognition and rules.
 * Messages are plain Chinese for reviewers; `rule` is a stable id (see docs/rules.md and shared checks spec).
 */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export interface QuotedText {
  /** Official section number 1–6 the sentence sits in, or null when outside any section. */
  section: number | null;
  quote: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Plain Chinese naming the table, row and column as the report prints them. */
  message: string;
  /** Cell ids involved (e.g. `requests.processedTotal.naturalPerson`). */
  cells?: string[];
  text?: QuotedText;
  expected?: number;
  actual?: number;
}

export function finding(
  rule: string,
  severity: Severity,
  message: string,
  extra: Omit<Finding, 'rule' | 'severity' | 'message'> = {},
): Finding {
  return { rule, severity, message, ...extra };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule),
  );
}

/**
 * What a finding is about, independent of where it is stored or printed: its rule, the cells it names
 * and the passage it quotes. A reviewer's decision is keyed by this, so it survives re-checks and
 * re-parses that reproduce the same finding, and lapses when the finding changes.
 */
export function findingKey(f: Pick<Finding, 'rule' | 'cells' | 'text'>): string {
  const cells = [...(f.cells ?? [])].sort().join(',');
  const text = f.text ? `${f.text.section ?? ''}:${f.text.quote}` : '';
  return `${f.rule}|${cells}|${text}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/**
 * A file that cannot be read at all (empty, binary, encrypted, not a report).
 * Carries a one-line Chinese message and its English twin; never a stack trace.
 */
export class UnusableInputError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} (${en})`);
    this.name = 'UnusableInputError';
  }
}
