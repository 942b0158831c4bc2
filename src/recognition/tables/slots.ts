/**
 * The values printed after a row label, cut into slots (numbers, blanks), and matched to the row's columns.
 */
import type { ColumnDef, CellOrigin, ValueKind } from '../../record/index.ts';
import { isSeparatorCode, originOf, type Scan } from '../scan.ts';
import { splitRuns, type SumRule } from '../split-digits.ts';
import { bareNumber, EXACT_DIGITS, parseSlot, toWan, type Slot } from '../values.ts';

export type NumberSlot = Extract<Slot, { kind: 'number' }>;

/** 「/」「\」「-」: the marks crawler text glues together for blank cells. */
function isBlankMark(c: number): boolean {
  return c === 0x2f || c === 0x5c || c === 0x2d;
}

/**
 * Slots of scan range [a, b): the text right after the label (crawler digits), then one slot per piece.
 * Stops at words that follow values (a header of the next group, narrative), and at the end of the table
 * row once a value was read.
 */
export function slotsIn(scan: Scan, a: number, b: number): { slots: Slot[]; end: number } {
  const s = scan.s;
  const { pieces, pieceAt } = scan;
  const slots: Slot[] = [];
  let sawValue = false;
  let numbers = 0;
  let blanks = 0;
  let lastFromCell = false;
  let end = a;
  let i = a;
  let first = true;
  while (i < b) {
    let sep = -1;
    if (isSeparatorCode(s.charCodeAt(i))) {
      sep = s.charCodeAt(i);
      i++;
    }
    // The piece runs to the next separator; most are bare digits, read on the way.
    let j = i;
    let value = 0;
    let bare = true;
    for (; j < b; j++) {
      const c = s.charCodeAt(j);
      if (isSeparatorCode(c)) break;
      if (c >= 0x30 && c <= 0x39) value = value * 10 + (c - 0x30);
      else bare = false;
    }
    // The table row ends the values once one was read; a lone empty cell (a trailing tab) does not count.
    // Values read from table cells also end where the table does (a page number after a table row).
    const rowRead = numbers > 0 || blanks > 1;
    if (rowRead && (sep === 0x1e || (sep === 0x1d && lastFromCell))) break;
    const owner = pieces[pieceAt[Math.min(i, s.length - 1)] ?? scan.first];
    const fromCell = owner?.isCell ?? false;
    if (owner?.sentence) {
      // A sentence after the table (「…行政复议8件、行政诉讼0件。」) holds no cells.
      if (sawValue) break;
      first = false;
      i = j;
      continue;
    }
    if (i === j) {
      // An empty piece is a blank cell; nothing glued after the label is nothing.
      if (!first || sep >= 0) {
        const wholePiece = sep >= 0 && (j === b ? j === s.length || isSeparatorCode(s.charCodeAt(j)) : true);
        if (wholePiece && pieces[pieceAt[Math.max(0, i - 1)]!]?.isCell) {
          slots.push({ kind: 'blank', a: i, b: i, dash: false });
          sawValue = true;
          blanks++;
          lastFromCell = true;
          end = j;
        }
      }
    } else {
      // Crawler text glues the slashes of blank cells to each other and to the next value: 「//////0」.
      let k = i;
      while (
        !bare &&
        k < j - 1 &&
        isBlankMark(s.charCodeAt(k)) &&
        (s.charCodeAt(k) !== 0x2d || isBlankMark(s.charCodeAt(k + 1)))
      ) {
        slots.push({ kind: 'blank', a: k, b: k + 1, dash: true });
        sawValue = true;
        blanks++;
        lastFromCell = fromCell;
        k++;
      }
      const slot =
        bare && j - i <= EXACT_DIGITS ? bareNumber(s, i, j, value) : parseSlot(s.slice(k, j), k, j);
      if (slot.kind === 'text') {
        if (sawValue) break;
      } else {
        if (slot.kind === 'number') {
          if ((first && sep < 0) || k > i) slot.glued = true;
          numbers++;
        } else blanks++;
        slots.push(slot);
        sawValue = true;
        lastFromCell = fromCell;
        end = slot.b;
        if (slot.kind === 'number' && slot.b < j) break; // the next label follows the digits
      }
    }
    first = false;
    i = j;
  }
  return { slots, end };
}

export type Undetermined = 'shortRow' | 'ambiguousSplit';

export interface RowValues {
  /** One value per column: the slot read for it, or a value split out of a digit run. */
  values: Array<number | null>;
  /** Where each column's value was printed (two arrays rather than an object per cell). */
  origins: CellOrigin[];
  undetermined?: Undetermined;
  /** Several splits fit the row: the table may still decide between them. */
  candidates?: number[][];
  /** The values were split out of a digit run (crawler text). */
  split?: boolean;
}

export interface ResolveOptions {
  /** Positions (0-based, in printed order) of non-official columns, e.g. a 小计 column. */
  extraColumns: readonly number[];
  /** Table 三: a blank right after the label followed by one value fewer is a label span, not a blank cell. */
  labelSpanPlaceholders: boolean;
  /** The row identity, if any, checked on the values split so far (partial rows must pass while undecided). */
  sums?: readonly SumRule[];
  /** Money column header printed its unit (「单位：万元」). */
  moneyUnitInHeader: boolean;
  /** How many times each column's header was printed (a merged header a converter repeated per column). */
  headerRepeats?: readonly number[];
}

export function resolveRow(
  scan: Scan,
  slots: readonly Slot[],
  columns: readonly ColumnDef[],
  opts: ResolveOptions,
): RowValues {
  const n = columns.length;
  let list = slots;
  if (opts.extraColumns.length > 0 && list.length === n + opts.extraColumns.length) {
    list = list.filter((_, i) => !opts.extraColumns.includes(i));
  }
  // Blanks beyond the columns are dropped from the end first, then from the start (no copy when none is).
  let lo = 0;
  let hi = list.length;
  while (hi - lo > n && list[hi - 1]!.kind === 'blank') hi--;
  while (hi - lo > n && list[lo]!.kind === 'blank') lo++;
  if (lo > 0 || hi < list.length) list = list.slice(lo, hi);
  if (list.length > n) list = collapseRepeats(scan, list, n, opts.headerRepeats);
  if (list.length === n) {
    if (opts.labelSpanPlaceholders && isLabelSpan(list)) return undetermined(scan, slots, n, 'shortRow');
    return valuesOf(scan, list, columns, opts.moneyUnitInHeader);
  }
  if (list.length > 0 && list.length < n && isDigitRunRow(list as readonly NumberSlot[])) {
    const split = splitRow(scan, slots, list as readonly NumberSlot[], columns, opts);
    if (split) return split;
  }
  return undetermined(scan, slots, n, 'shortRow');
}

/*
 * Module-level helpers rather than closures inside resolveRow: it runs once per row, and every closure it
 * created was named at run time by the loader (a defineProperty call each).
 */

/** A blank right after the label, then numbers only: the label's spanned cell, not a blank value. */
function isLabelSpan(list: readonly Slot[]): boolean {
  const head = list[0]!;
  if (head.kind !== 'blank' || head.dash) return false;
  for (let i = 1; i < list.length; i++) if (list[i]!.kind !== 'number') return false;
  return true;
}

/** One slot per column: each value with its origin. */
function valuesOf(
  scan: Scan,
  list: readonly Slot[],
  columns: readonly ColumnDef[],
  unitInHeader: boolean,
): RowValues {
  const n = list.length;
  const values = new Array<number | null>(n).fill(null);
  const origins = new Array<CellOrigin>(n);
  for (let i = 0; i < n; i++) {
    const slot = list[i]!;
    const origin = originOf(scan, slot.a, slot.b);
    origins[i] = origin;
    if (slot.kind !== 'number') values[i] = null;
    else if (columns[i]!.value !== 'money') values[i] = slot.value;
    else {
      origin.unit = slot.unit === '元' ? '元' : slot.unit || unitInHeader ? '万元' : 'assumed';
      values[i] = toWan(slot.value, slot.unit);
    }
  }
  return { values, origins };
}

/** Numbers alone, without words, a unit only after the last: digit runs that may have lost separators. */
function isDigitRunRow(list: readonly Slot[]): boolean {
  const last = list[list.length - 1];
  let splittableRun = false;
  for (const x of list) {
    if (x.kind !== 'number' || x.extraText || (x.unit !== null && x !== last)) return false;
    if (!splittableRun && splittable(x)) splittableRun = true;
  }
  return splittableRun;
}

const columnKinds = new WeakMap<readonly ColumnDef[], ValueKind[]>();
/** The value kinds of a list of columns, told once per list. */
function kindsOf(columns: readonly ColumnDef[]): ValueKind[] {
  let kinds = columnKinds.get(columns);
  if (!kinds) {
    kinds = columns.map((c) => c.value);
    columnKinds.set(columns, kinds);
  }
  return kinds;
}

/**
 * The row's values split out of its digit runs, when exactly one split fits; the undetermined row when
 * several or too many do; null when none does (or the runs are too short), for a short row.
 */
function splitRow(
  scan: Scan,
  slots: readonly Slot[],
  list: readonly NumberSlot[],
  columns: readonly ColumnDef[],
  opts: ResolveOptions,
): RowValues | null {
  const n = columns.length;
  const runs = new Array<string>(list.length);
  let digits = 0;
  for (let i = 0; i < list.length; i++) {
    runs[i] = list[i]!.digits;
    digits += runs[i]!.length;
  }
  if (digits < n) return null;
  const splits = splitRuns(runs, kindsOf(columns), opts.sums ? { sums: opts.sums } : {});
  if (splits === null) return undetermined(scan, slots, n, 'ambiguousSplit');
  if (splits.length > 1) return undetermined(scan, slots, n, 'ambiguousSplit', splits);
  if (splits.length === 0) return null;
  const origin = rowOrigin(scan, slots);
  const unit = list[list.length - 1]!.unit;
  const values: Array<number | null> = splits[0]!;
  const origins = new Array<CellOrigin>(n);
  for (let i = 0; i < n; i++) {
    if (columns[i]!.value === 'money') {
      values[i] = toWan(values[i]!, unit);
      origins[i] = {
        ...origin,
        unit: unit === '元' ? '元' : unit || opts.moneyUnitInHeader ? '万元' : 'assumed',
      };
    } else origins[i] = origin;
  }
  return { values, origins, split: true };
}

/** The origin of a whole row: all its printed slots. */
function rowOrigin(scan: Scan, slots: readonly Slot[]): CellOrigin {
  return originOf(scan, slots[0]?.a ?? 0, slots[slots.length - 1]?.b ?? 0);
}

/** Every column null, with the row's origin marked as undetermined. */
function undetermined(
  scan: Scan,
  slots: readonly Slot[],
  n: number,
  reason: Undetermined,
  candidates?: number[][],
): RowValues {
  const origin = rowOrigin(scan, slots);
  origin.undetermined = reason;
  const out: RowValues = {
    values: new Array<number | null>(n).fill(null),
    origins: new Array<CellOrigin>(n).fill(origin),
    undetermined: reason,
  };
  if (candidates) out.candidates = candidates;
  return out;
}

/** What a repeated slot must repeat: its printed text (blanks are all alike). */
function slotKey(scan: Scan, slot: Slot): string {
  return slot.kind === 'blank' ? '' : scan.s.slice(slot.a, slot.b);
}

/**
 * Merged cells that a converter repeated once per covered column (markdown from PDFs): r identical slots
 * per column become one.
 */
function collapseRepeats(
  scan: Scan,
  list: readonly Slot[],
  n: number,
  repeats?: readonly number[],
): readonly Slot[] {
  if (repeats && sumOf(repeats) === list.length) {
    // Runs as long as the header printed each column: keep each run's first slot if the run repeats it.
    const out: Slot[] = [];
    let at = 0;
    for (const r of repeats) {
      const first = slotKey(scan, list[at]!);
      for (let t = at + 1; t < at + r; t++) if (slotKey(scan, list[t]!) !== first) return list;
      out.push(list[at]!);
      at += r;
    }
    return out;
  }
  if (list.length % n !== 0) return list;
  const r = list.length / n;
  const out: Slot[] = [];
  for (let j = 0; j < n; j++) {
    const first = slotKey(scan, list[j * r]!);
    for (let t = 1; t < r; t++) if (slotKey(scan, list[j * r + t]!) !== first) return list;
    out.push(list[j * r]!);
  }
  return out;
}

function sumOf(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

/**
 * Whether a printed digit run may hold several cells: glued to its label (crawler text), or impossible as
 * one value (「0000000」, a leading zero), or longer than any count a report prints. A number that is a cell
 * or paragraph of its own (「250」) is one value.
 */
function splittable(slot: NumberSlot): boolean {
  if (slot.glued) return true;
  const d = slot.digits;
  const i = d.charCodeAt(0) === 0x2b || d.charCodeAt(0) === 0x2d ? 1 : 0;
  if (d.charCodeAt(i) === 0x30 && isDigit(d.charCodeAt(i + 1))) return true;
  let count = 0;
  for (let k = 0; k < d.length; k++) if (isDigit(d.charCodeAt(k))) count++;
  return count >= 8;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
