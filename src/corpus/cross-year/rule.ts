/**
 * The contract of a check between a body's consecutive reports: one file per rule under cross-year/,
 * listed in the registry. Findings attach to the later (current) report.
 */
import { finding, type Finding, type Severity } from '../../diagnostics/index.ts';
import type { CellMap, FormatId } from '../../record/index.ts';

/**
 * What the cross-year rules read of one report: its cells, which of the blank ones recognition could not
 * decide, its format and year. Small and plain, so that ingest can keep it for thousands of reports instead
 * of reading a previous year's whole record back (`yearFacts`).
 */
export interface YearFacts {
  format: string;
  year: number | null;
  cells: CellMap;
  /** Cells whose value recognition could not tell (`origins[id].undetermined`): null, but not blank. */
  undetermined: readonly string[];
}

/** One of the two reports compared, in an official table format with a known year. */
export interface YearSide {
  cells: CellMap;
  undetermined: ReadonlySet<string>;
  format: FormatId;
  year: number;
}

export interface CrossYearContext {
  previous: YearSide;
  current: YearSide;
}

export interface CrossYearRule {
  /** Stable id from checks.md, e.g. `crossYear.carry`. */
  id: string;
  severity: Severity;
  /** The official text the rule implements. */
  citation: string;
  /** One line in Chinese for listings: what the rule finds. */
  title: string;
  check(ctx: CrossYearContext): Finding[];
}

export type FindingExtra = Omit<Finding, 'rule' | 'severity' | 'message'>;
export type Report = (message: string, extra?: FindingExtra) => void;

export interface CrossYearDefinition extends Omit<CrossYearRule, 'check'> {
  /** The formats both years must be in for the rule to apply (e.g. 现行有效件数 exists only in 2021). */
  formats?: { previous: FormatId; current: FormatId };
  check(ctx: CrossYearContext, report: Report): void;
}

export function defineCrossYearRule(def: CrossYearDefinition): CrossYearRule {
  const { id, severity, citation, title, formats } = def;
  return {
    id,
    severity,
    citation,
    title,
    check(ctx) {
      if (formats && (ctx.previous.format !== formats.previous || ctx.current.format !== formats.current)) {
        return [];
      }
      const out: Finding[] = [];
      def.check(ctx, (message, extra = {}) => out.push(finding(id, severity, message, extra)));
      return out;
    },
  };
}
