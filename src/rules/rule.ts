/** The contract of a check: one file per rule under src/rules/, listed in the registry. */
import type { Finding, Severity } from '../diagnostics/index.ts';
import type { CellMap, FormatId, ReportRecord } from '../record/index.ts';

export interface CheckOptions {
  /**
   * Local publication deadline for townships and sub-districts, as `MM-DD` of the year after the report
   * year (set by the supervising office's notice). Without it `date.late` is not checked for them.
   */
  localDeadline?: string;
}

export interface RuleContext {
  record: ReportRecord;
  /** Flat cell map (cell id → value). */
  cells: CellMap;
  /** The record's format when it is an official one (2019/2021), else null: table rules skip then. */
  format: FormatId | null;
  options: CheckOptions;
}

export interface Rule {
  /** Stable id from checks.md, e.g. `requests.balance`. */
  id: string;
  severity: Severity;
  /** The official text the rule implements (条例 article, 国办公开办函 number). */
  citation: string;
  /** One line in Chinese for listings: what the rule finds. */
  title: string;
  check(ctx: RuleContext): Finding[];
}
