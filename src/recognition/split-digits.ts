/**
 * Crawler text loses the separators between cells: 「规范性文件898989」, 「0000000」. Splitting such a run
 * back into cells is only safe when exactly one split gives valid numbers that satisfy the official
 * identities; with several, the cells stay undetermined. Never guess.
 */
import type { ValueKind } from '../record/index.ts';

/** An identity a split must satisfy: the value at `at` is the sum of the values at `from`…`to`. */
export interface SumRule {
  at: number;
  from: number;
  to: number;
}

export interface SplitOptions {
  sums?: readonly SumRule[];
  /** Stop after this many solutions: the answer is "ambiguous" anyway. */
  maxSolutions?: number;
  /** Bound on work: beyond it the split is reported as ambiguous. */
  maxSteps?: number;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether run[a, b) is a valid printed value of a column kind: no leading zeros (「00」 is two cells). */
function validPiece(run: string, a: number, b: number, kind: ValueKind): boolean {
  let i = a;
  if (kind === 'signed' && (run.charCodeAt(i) === 43 || run.charCodeAt(i) === 45)) i++;
  if (i >= b || !isDigit(run.charCodeAt(i))) return false;
  const leadingZero = run.charCodeAt(i) === 48;
  let dot = -1;
  for (let k = i; k < b; k++) {
    const c = run.charCodeAt(k);
    if (c === 46 && kind === 'money' && dot < 0 && k > i && k < b - 1) dot = k;
    else if (!isDigit(c)) return false;
  }
  const integerEnd = dot < 0 ? b : dot;
  return !(leadingZero && integerEnd - i > 1);
}

/** The state of one search (module-level functions over it, not closures: splitRuns runs once per row). */
interface Search {
  runs: readonly string[];
  kinds: readonly ValueKind[];
  /** The sum rule fixing each column, by column. */
  sumAt: Array<SumRule | undefined>;
  /** Whether each run is ASCII digits alone (the common case, cut without the general checks). */
  plain: boolean[];
  /** Characters left from the start of each run to the end of the last. */
  after: number[];
  maxSolutions: number;
  maxSteps: number;
  solutions: number[][];
  values: number[];
  steps: number;
  gaveUp: boolean;
}

/**
 * Every way of cutting the digit runs, in order, into exactly `kinds.length` values valid for the column
 * kinds and satisfying the sum rules. Returns null when the search gave up (too many possibilities).
 */
export function splitRuns(
  runs: readonly string[],
  kinds: readonly ValueKind[],
  options: SplitOptions = {},
): number[][] | null {
  const after = new Array<number>(runs.length + 1).fill(0);
  for (let r = runs.length - 1; r >= 0; r--) after[r] = after[r + 1]! + runs[r]!.length;
  const search: Search = {
    runs,
    kinds,
    sumAt: sumsByColumn(options.sums ?? [], kinds.length),
    plain: runs.map(isPlainDigits),
    after,
    maxSolutions: options.maxSolutions ?? 8,
    maxSteps: options.maxSteps ?? 200_000,
    solutions: [],
    values: [],
    steps: 0,
    gaveUp: false,
  };
  visit(search, 0, 0);
  return search.gaveUp ? null : search.solutions;
}

function sumsByColumn(sums: readonly SumRule[], columns: number): Array<SumRule | undefined> {
  const byColumn = new Array<SumRule | undefined>(columns).fill(undefined);
  // A later rule for the same column wins, as it would in a map built from the list.
  for (const rule of sums) byColumn[rule.at] = rule;
  return byColumn;
}

function isPlainDigits(run: string): boolean {
  for (let i = 0; i < run.length; i++) if (!isDigit(run.charCodeAt(i))) return false;
  return true;
}

/** Takes run[p, e), worth `value`, as the next value and goes on after it. */
function take(search: Search, r: number, p: number, e: number, value: number): void {
  search.values.push(value);
  if (e === search.runs[r]!.length) visit(search, r + 1, 0);
  else visit(search, r, e);
  search.values.pop();
}

/** Every continuation from position p of run r. */
function visit(search: Search, r: number, p: number): void {
  const { runs, kinds, values } = search;
  if (search.gaveUp || search.solutions.length >= search.maxSolutions) return;
  if (++search.steps > search.maxSteps) {
    search.gaveUp = true;
    return;
  }
  const n = kinds.length;
  const col = values.length;
  if (r === runs.length) {
    if (col === n) search.solutions.push([...values]);
    return;
  }
  if (col === n) return;
  const run = runs[r]!;
  const columnsLeft = n - col;
  if (run.length - p + search.after[r + 1]! < columnsLeft || columnsLeft < runs.length - r) return;
  const rule = search.sumAt[col];
  if (rule) {
    // The identity fixes this value: its digits must come next.
    let sum = 0;
    for (let k = rule.from; k <= rule.to; k++) sum += values[k]!;
    const end =
      search.plain[r] && Number.isSafeInteger(sum) && sum >= 0
        ? wholeNumberEnd(run, p, sum)
        : printedEnd(run, p, sum, kinds[col]!);
    if (end >= 0) take(search, r, p, end, sum);
    return;
  }
  if (search.plain[r]) takePlain(search, r, p);
  else takeAny(search, r, p, kinds[col]!);
}

/** Where `value` ends if the run prints it (as String() would) from p on, or -1. */
function printedEnd(run: string, p: number, value: number, kind: ValueKind): number {
  const text = String(value);
  return run.startsWith(text, p) && validPiece(run, p, p + text.length, kind) ? p + text.length : -1;
}

/**
 * printedEnd for a run of digits alone and a whole number below 2^53, compared digit by digit rather than
 * through a string: it runs at every step of a search through a row with a sum rule.
 */
function wholeNumberEnd(run: string, p: number, value: number): number {
  let digits = 1;
  for (let bound = 10; value >= bound; bound *= 10) digits++;
  if (p + digits > run.length) return -1;
  let spelled = 0;
  for (let k = p; k < p + digits; k++) spelled = spelled * 10 + (run.charCodeAt(k) - 48);
  return spelled === value ? p + digits : -1;
}

/**
 * Every value starting at p of a run of digits alone: a 0 stands alone, any other digit starts values of
 * every length to the end of the run. Values of up to 15 digits are summed up digit by digit (exact below
 * 2^53); longer ones are parsed as printed.
 */
function takePlain(search: Search, r: number, p: number): void {
  const run = search.runs[r]!;
  if (run.charCodeAt(p) === 48) {
    take(search, r, p, p + 1, 0);
    return;
  }
  let value = 0;
  for (let e = p + 1; e <= run.length; e++) {
    value = e - p <= 15 ? value * 10 + (run.charCodeAt(e - 1) - 48) : Number(run.slice(p, e));
    take(search, r, p, e, value);
    if (search.gaveUp) return;
  }
}

/** Every value starting at p of a run with signs, separators or a decimal point. */
function takeAny(search: Search, r: number, p: number, kind: ValueKind): void {
  const run = search.runs[r]!;
  for (let e = p + 1; e <= run.length; e++) {
    if (!validPiece(run, p, e, kind)) {
      if (run.charCodeAt(p) === 48 && e > p + 1 && kind !== 'money') break; // a leading zero stands alone
      continue;
    }
    take(search, r, p, e, Number(run.slice(p, e)));
    if (search.gaveUp) return;
  }
}
