/** The single-report checks (年报体检): run every registered rule over a report record. */
import type { Finding } from '../diagnostics/index.ts';
import { FORMAT_IDS, FORMAT_SLOTS, SLOT_IDS, type CellList } from '../record/cell-list.ts';
import { cellListOf } from '../record/cell-tree.ts';
import {
  cellsOf,
  isOfficialFormat,
  type CellMap,
  type CellOrigin,
  type FormatId,
  type ReportRecord,
} from '../record/index.ts';
import { RULES } from './registry.ts';
import type { CellFacts, CheckOptions, RuleContext } from './rule.ts';

const hasOwn = Object.hasOwn;

function isAsciiDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** By slot, whether a cell is one of each format's official cells. */
const IN_FORMAT: Record<FormatId, readonly boolean[]> = {
  '2019': inFormat(FORMAT_SLOTS['2019']),
  '2021': inFormat(FORMAT_SLOTS['2021']),
};

function inFormat(slots: readonly number[]): boolean[] {
  const out = new Array<boolean>(SLOT_IDS.length).fill(false);
  for (const slot of slots) out[slot] = true;
  return out;
}

function cellFacts(record: ReportRecord, list: CellList, format: FormatId | null): CellFacts {
  const facts: CellFacts = {
    hasBlank: false,
    hasNegative: false,
    unitAssumed: [],
    nonDigitText: [],
    shortRow: false,
    ambiguousSplit: false,
  };
  // The format's cells by slot; without a format every cell, which only the flat map tells once an id is
  // not an official one.
  const values = list.unknown && !format ? Object.values(cellsOf(record)) : list.bySlot;
  const slots = format ? FORMAT_SLOTS[format] : null;
  const count = slots ? slots.length : values.length;
  for (let i = 0; i < count; i++) {
    const value = values[slots ? slots[i]! : i];
    if (value === null) facts.hasBlank = true;
    else if (value !== undefined && value < 0) facts.hasNegative = true;
  }
  const origins = record.origins;
  if (!origins) return facts;
  if (format) formatOriginFacts(facts, origins, list, format);
  else originFacts(facts, origins);
  return facts;
}

/** The facts of every origin, in the origins' order. */
function originFacts(facts: CellFacts, origins: Record<string, CellOrigin>): void {
  for (const id of Object.keys(origins)) {
    const origin = origins[id]!;
    if (origin.undetermined === 'shortRow') facts.shortRow = true;
    else if (origin.undetermined === 'ambiguousSplit') facts.ambiguousSplit = true;
    if (origin.unit === 'assumed') facts.unitAssumed.push(id);
    if (!isAsciiDigits(origin.text)) facts.nonDigitText.push(id);
  }
}

/**
 * The facts of the origins of an official format's cells, looked up cell by cell: listing the keys of the
 * origins (a dictionary of some 250 keys) costs more than all the rest. The rules that read these facts
 * look at the format's cells only, so the origins of other cells change nothing — except an assumed unit,
 * reported for any cell with a value and in the origins' order: the origins are walked after all when the
 * tables hold a cell outside the format or two cells had their unit assumed.
 */
function formatOriginFacts(
  facts: CellFacts,
  origins: Record<string, CellOrigin>,
  list: CellList,
  format: FormatId,
): void {
  const ids = FORMAT_IDS[format];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const origin = origins[id];
    if (origin === undefined) continue;
    // Few origins have `undetermined` or `unit`: asking whether they own one is cheaper than loading a
    // property most lack (origins come in many shapes, and a load that finds nothing is a slow one).
    if (hasOwn(origin, 'undetermined')) {
      if (origin.undetermined === 'shortRow') facts.shortRow = true;
      else if (origin.undetermined === 'ambiguousSplit') facts.ambiguousSplit = true;
    }
    if (hasOwn(origin, 'unit') && origin.unit === 'assumed') facts.unitAssumed.push(id);
    if (!isAsciiDigits(origin.text)) facts.nonDigitText.push(id);
  }
  if (facts.unitAssumed.length > 1 || !onlyFormatCells(list, format)) {
    facts.unitAssumed = Object.keys(origins).filter((id) => origins[id]!.unit === 'assumed');
  }
}

/** Whether every cell of the tables is one of the format's. */
function onlyFormatCells(list: CellList, format: FormatId): boolean {
  // A whole report read in order shares the format's list of slots (cell-tree.ts).
  if (list.slots === FORMAT_SLOTS[format]) return true;
  const inFormat = IN_FORMAT[format];
  for (const slot of list.slots) if (slot < 0 || !inFormat[slot]) return false;
  return true;
}

/**
 * The context every rule of one record shares. The cell facts are gathered when a rule first asks for them:
 * only the table rules do, so reports without an official table format never pay for the walk. The rules read
 * cells by slot; the flat map is built only for a rule (or a caller) that asks for it.
 */
class SharedContext implements RuleContext {
  #facts: CellFacts | undefined;
  #memo: Map<object, unknown> | undefined;
  readonly slots: CellList['bySlot'];
  constructor(
    readonly record: ReportRecord,
    private readonly list: CellList,
    readonly format: FormatId | null,
    readonly options: CheckOptions,
  ) {
    this.slots = list.bySlot;
  }

  get cells(): CellMap {
    return cellsOf(this.record);
  }

  get memo(): Map<object, unknown> {
    return (this.#memo ??= new Map());
  }

  get facts(): CellFacts {
    return (this.#facts ??= cellFacts(this.record, this.list, this.format));
  }
}

export function ruleContext(record: ReportRecord, options: CheckOptions = {}): RuleContext {
  const format = isOfficialFormat(record.format) ? record.format : null;
  return new SharedContext(record, cellListOf(record.tables), format, options);
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
