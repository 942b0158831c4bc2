/**
 * The values printed after a row label, cut into slots (numbers, blanks), and matched to the row's columns.
 */
import type { ColumnDef, CellOrigin } from '../../record/index.ts';
import { isSeparatorCode, originOf, type Scan } from '../scan.ts';
import { splitRuns, type SumRule } from '../split-digits.ts';
import { parseSlot, toWan, type Slot } from '../values.ts';

export type NumberSlot = Extract<Slot, { kind: 'number' }>;

const BLANK_MARK = /[/\\-]/;

/**
 * Slots of scan range [a, b): the text right after the label (crawler digits), then one slot per piece.
 * Stops at words that follow values (a header of the next group, narrative), and at the end of the table
 * row once a value was read.
 */
export function slotsIn(scan: Scan, a: number, b: number): { slots: Slot[]; end: number } {
  const s = scan.s;
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
    let j = i;
    while (j < b && !isSeparatorCode(s.charCodeAt(j))) j++;
    const wholePiece = sep >= 0 && (j === b ? j === s.length || isSeparatorCode(s.charCodeAt(j)) : true);
    // The table row ends the values once one was read; a lone empty cell (a trailing tab) does not count.
    // Values read from table cells also end where the table does (a page number after a table row).
    const rowRead = numbers > 0 || blanks > 1;
    if (rowRead && (sep === 0x1e || (sep === 0x1d && lastFromCell))) break;
    const text = s.slice(i, j);
    const owner = scan.pieces[scan.pieceAt[Math.min(i, s.length - 1)] ?? scan.first];
    const fromCell = owner?.isCell ?? false;
    if (owner?.sentence) {
      // A sentence after the table (「…行政复议8件、行政诉讼0件。」) holds no cells.
      if (sawValue) break;
      first = false;
      i = j;
      continue;
    }
    if (first && sep < 0 && text === '') {
      // nothing glued after the label
    } else if (text === '') {
      const piece = scan.pieces[scan.pieceAt[Math.max(0, i - 1)]!];
      if (wholePiece && piece?.isCell) {
        slots.push({ kind: 'blank', a: i, b: i, dash: false });
        sawValue = true;
        blanks++;
        lastFromCell = true;
        end = j;
      }
    } else {
      // Crawler text glues the slashes of blank cells to each other and to the next value: 「//////0」.
      let k = i;
      while (k < j - 1 && BLANK_MARK.test(s[k]!) && (s[k] !== '-' || BLANK_MARK.test(s[k + 1]!))) {
        slots.push({ kind: 'blank', a: k, b: k + 1, dash: true });
        sawValue = true;
        blanks++;
        lastFromCell = fromCell;
        k++;
      }
      const slot = parseSlot(k > i ? s.slice(k, j) : text, k, j);
      if (slot.kind === 'number' && ((first && sep < 0) || k > i)) slot.glued = true;
      if (slot.kind === 'text') {
        if (sawValue) break;
      } else {
        slots.push(slot);
        sawValue = true;
        if (slot.kind === 'number') numbers++;
        else blanks++;
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
  /** One entry per column: the slot read for it, or a value split out of a digit run. */
  values: Array<{ value: number | null; origin: CellOrigin }>;
  undetermined?: Undetermined;
  /** Several splits fit the row: the table may still decide between them. */
  candidates?: number[][];
  /** The values were split out of a digit run (crawler text). */
  split?: boolean;
}

export interface ResolveOptions {
  /** Positions (0-based, in printed order) of non-official columns, e.g. a 小计 column. */
  extraColumns: number[];
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
  slots: Slot[],
  columns: readonly ColumnDef[],
  opts: ResolveOptions,
): RowValues {
  const n = columns.length;
  let list = slots;
  if (opts.extraColumns.length > 0 && list.length === n + opts.extraColumns.length) {
    list = list.filter((_, i) => !opts.extraColumns.includes(i));
  }
  list = [...list];
  while (list.length > n && list[list.length - 1]!.kind === 'blank') list.pop();
  while (list.length > n && list[0]!.kind === 'blank') list.shift();
  list = collapseRepeats(scan, list, n, opts.headerRepeats);
  if (list.length === n) {
    const head = list[0]!;
    if (
      opts.labelSpanPlaceholders &&
      head.kind === 'blank' &&
      !head.dash &&
      list.every((x, i) => i === 0 || x.kind === 'number')
    ) {
      return undetermined(scan, slots, columns, 'shortRow');
    }
    return { values: list.map((slot, i) => valueOf(scan, slot, columns[i]!, opts.moneyUnitInHeader)) };
  }
  if (
    list.length > 0 &&
    list.length < n &&
    list.every(
      (x) => x.kind === 'number' && !x.extraText && (x.unit === null || x === list[list.length - 1]),
    ) &&
    list.some((x) => splittable(x as NumberSlot))
  ) {
    const runs = (list as NumberSlot[]).map((x) => x.digits);
    if (runs.join('').length >= n) {
      const splits = splitRuns(
        runs,
        columns.map((c) => c.value),
        opts.sums ? { sums: opts.sums } : {},
      );
      if (splits && splits.length === 1) {
        const origin = rowOrigin(scan, slots);
        const unit = (list[list.length - 1] as NumberSlot).unit;
        return {
          values: splits[0]!.map((value, i) =>
            columns[i]!.value === 'money'
              ? {
                  value: toWan(value, unit),
                  origin: {
                    ...origin,
                    unit: unit === '元' ? '元' : unit || opts.moneyUnitInHeader ? '万元' : 'assumed',
                  },
                }
              : { value, origin },
          ),
          split: true,
        };
      }
      if (splits && splits.length > 1) return undetermined(scan, slots, columns, 'ambiguousSplit', splits);
      if (splits === null) return undetermined(scan, slots, columns, 'ambiguousSplit');
    }
  }
  return undetermined(scan, slots, columns, 'shortRow');
}

/*
 * Module-level helpers rather than closures inside resolveRow: it runs once per row, and every closure it
 * created was named at run time by the loader (a defineProperty call each).
 */

/** The origin of a whole row: all its printed slots. */
function rowOrigin(scan: Scan, slots: readonly Slot[]): CellOrigin {
  return originOf(scan, slots[0]?.a ?? 0, slots[slots.length - 1]?.b ?? 0);
}

/** Every column null, with the row's origin marked as undetermined. */
function undetermined(
  scan: Scan,
  slots: readonly Slot[],
  columns: readonly ColumnDef[],
  reason: Undetermined,
  candidates?: number[][],
): RowValues {
  const origin = rowOrigin(scan, slots);
  origin.undetermined = reason;
  const out: RowValues = { values: columns.map(() => ({ value: null, origin })), undetermined: reason };
  if (candidates) out.candidates = candidates;
  return out;
}

/**
 * Merged cells that a converter repeated once per covered column (markdown from PDFs): r identical slots
 * per column become one.
 */
function collapseRepeats(scan: Scan, list: Slot[], n: number, repeats?: readonly number[]): Slot[] {
  if (list.length <= n) return list;
  const key = (slot: Slot) => (slot.kind === 'blank' ? '' : scan.s.slice(slot.a, slot.b));
  if (repeats && repeats.reduce((x, y) => x + y, 0) === list.length) {
    // Runs as long as the header printed each column: keep each run's first slot if the run repeats it.
    const out: Slot[] = [];
    let at = 0;
    for (const r of repeats) {
      const run = list.slice(at, at + r);
      if (run.some((slot) => key(slot) !== key(run[0]!))) return list;
      out.push(run[0]!);
      at += r;
    }
    return out;
  }
  if (list.length % n !== 0) return list;
  const r = list.length / n;
  for (let j = 0; j < n; j++) {
    const first = key(list[j * r]!);
    for (let t = 1; t < r; t++) if (key(list[j * r + t]!) !== first) return [...list];
  }
  return list.filter((_, i) => i % r === 0);
}

/**
 * Whether a printed digit run may hold several cells: glued to its label (crawler text), or impossible as
 * one value (「0000000」, a leading zero), or longer than any count a report prints. A number that is a cell
 * or paragraph of its own (「250」) is one value.
 */
function splittable(slot: NumberSlot): boolean {
  return slot.glued === true || /^[+-]?0\d/.test(slot.digits) || slot.digits.replace(/\D/g, '').length >= 8;
}

function valueOf(
  scan: Scan,
  slot: Slot,
  column: ColumnDef,
  unitInHeader: boolean,
): { value: number | null; origin: CellOrigin } {
  const origin = originOf(scan, slot.a, slot.b);
  if (slot.kind !== 'number') return { value: null, origin };
  if (column.value !== 'money') return { value: slot.value, origin };
  origin.unit = slot.unit === '元' ? '元' : slot.unit || unitInHeader ? '万元' : 'assumed';
  return { value: toWan(slot.value, slot.unit), origin };
}
