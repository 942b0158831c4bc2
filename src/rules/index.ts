/** The single-report checks (年报体检): run every registered rule over a report record. */
import type { Finding } from '../diagnostics/index.ts';
import {
  CELLS,
  cellsOf,
  isOfficialFormat,
  type CellMap,
  type FormatId,
  type ReportRecord,
} from '../record/index.ts';
import { RULES } from './registry.ts';
import type { CellFacts, CheckOptions, RuleContext } from './rule.ts';

function isAsciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** The official cell ids of each format. */
const CELL_IDS: Record<FormatId, readonly string[]> = {
  '2019': CELLS['2019'].map((c) => c.id),
  '2021': CELLS['2021'].map((c) => c.id),
};

function cellFacts(
  record: ReportRecord,
  cells: Record<string, number | null>,
  format: FormatId | null,
): CellFacts {
  const facts: CellFacts = {
    hasBlank: false,
    hasNegative: false,
    unitAssumed: [],
    nonDigitText: [],
    shortRow: false,
    ambiguousSplit: false,
  };
  // Looked up by id rather than enumerated: the flat map is a large dictionary object, slow to walk.
  const ids = format ? CELL_IDS[format] : Object.keys(cells);
  for (const id of ids) {
    const value = cells[id];
    if (value === null) facts.hasBlank = true;
    else if (value !== undefined && value < 0) facts.hasNegative = true;
  }
  const origins = record.origins;
  if (origins) {
    for (const id of Object.keys(origins)) {
      const origin = origins[id]!;
      if (origin.undetermined === 'shortRow') facts.shortRow = true;
      else if (origin.undetermined === 'ambiguousSplit') facts.ambiguousSplit = true;
      if (origin.unit === 'assumed') facts.unitAssumed.push(id);
      if (!isAsciiDigits(origin.text)) facts.nonDigitText.push(id);
    }
  }
  return facts;
}

/**
 * The context every rule of one record shares. The cell facts are gathered when a rule first asks for them:
 * only the table rules do, so reports without an official table format never pay for the walk.
 */
class SharedContext implements RuleContext {
  #facts: CellFacts | undefined;
  constructor(
    readonly record: ReportRecord,
    readonly cells: CellMap,
    readonly format: FormatId | null,
    readonly options: CheckOptions,
  ) {}

  get facts(): CellFacts {
    return (this.#facts ??= cellFacts(this.record, this.cells, this.format));
  }
}

export function ruleContext(record: ReportRecord, options: CheckOptions = {}): RuleContext {
  const format = isOfficialFormat(record.format) ? record.format : null;
  return new SharedContext(record, cellsOf(record), format, options);
}

/** Every finding of every rule on one record, rule by rule in registry order. The record is not changed. */
export function checkRecord(record: ReportRecord, options: CheckOptions = {}): Finding[] {
  const ctx = ruleContext(record, options);
  const findings: Finding[] = [];
  for (const rule of RULES) findings.push(...rule.check(ctx));
  return findings;
}

export { RULES, RULES_BY_ID, RULE_IDS, type RuleId } from './registry.ts';
export type { CellFacts, CheckOptions, Rule, RuleContext } from './rule.ts';
