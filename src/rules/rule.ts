/** The contract of a check: one file per rule under src/rules/, listed in the registry. */
import type { Finding, Severity } from '../diagnostics/index.ts';
import type { CellSlots } from '../record/cell-list.ts';
import type { CellMap, FormatId, ReportRecord } from '../record/index.ts';

export interface CheckOptions {
  /**
   * Local publication deadline for townships and sub-districts, as `MM-DD` of the year after the report
   * year (set by the supervising office's notice). Without it `date.late` is not checked for them.
   */
  localDeadline?: string;
}

/** Facts about a record's cells gathered in one pass, so that rules need not each walk every cell. */
export interface CellFacts {
  /** A cell is blank (of the format's official cells when the format is official, else of any cell). */
  hasBlank: boolean;
  /** A cell is negative (same cells as `hasBlank`). */
  hasNegative: boolean;
  /**
   * Cell ids whose origin says a unit was assumed, in the order of the origins; of an official format, the
   * format's cells only when no other cell is in the tables (another origin has no value to report).
   */
  unitAssumed: string[];
  /**
   * Cell ids whose printed text is not plain ASCII digits (candidates for words inside a number); of an
   * official format, the format's cells only, in the format's order (the rules list no other cell).
   */
  nonDigitText: string[];
  shortRow: boolean;
  ambiguousSplit: boolean;
}

export interface RuleContext {
  record: ReportRecord;
  facts: CellFacts;
  /** Flat cell map (cell id → value). */
  cells: CellMap;
  /** The same cells by slot (record/cell-list.ts): rules read them through slots worked out at load. */
  slots: CellSlots;
  /**
   * What helpers work out once per check for the rules that ask (each under a key object of its own). Kept
   * on the context, so that it goes with it: no weak map entry per report for the garbage collector.
   */
  memo: Map<object, unknown>;
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
