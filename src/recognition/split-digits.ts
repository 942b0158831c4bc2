/**
 * Crawler text loses the separators between cells: 「规范性文件898989」, 「0000000」. Splitting such a run
 * back into cells is only safe when exactly one split gives valid numbers that satisfy the official
 * identities; with several, the cells stay undetermined. Never guess.
 */
import type { ValueKind } from '../record/index.ts';
import { EXACT_DIGITS } from './values.ts';

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
  /** Values to cut: kinds.length. */
  n: number;
  rules: RulesByColumn;
  /** Whether each run is ASCII digits alone (the common case, cut without the general checks). */
  plain: boolean[];
  /** Dead ends are counted rather than searched (see deadEnd): one run of digits alone, with sum rules. */
  countDeadEnds: boolean;
  /** Steps under a dead end, by position and column (see stepsBelow), counted once: -1 before. */
  deadSteps: Float64Array | null;
  /** Characters left from the start of each run to the end of the last. */
  after: number[];
  maxSolutions: number;
  maxSteps: number;
  solutions: number[][];
  /**
   * The values taken so far, by column: a search at column `col` holds values[0, col). Written in place
   * rather than pushed and popped: the search runs through every cut of the runs.
   */
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
  const rules = rulesByColumn(options.sums ?? NO_SUMS, kinds.length);
  const maxSolutions = options.maxSolutions ?? 8;
  const maxSteps = options.maxSteps ?? 200_000;
  const direct = maxSolutions > 0 ? splitDirectly(runs, kinds.length, rules, maxSteps, maxSolutions) : null;
  if (direct) return direct;
  const after = new Array<number>(runs.length + 1).fill(0);
  for (let r = runs.length - 1; r >= 0; r--) after[r] = after[r + 1]! + runs[r]!.length;
  const plain = runs.map(isPlainDigits);
  const search: Search = {
    runs,
    kinds,
    n: kinds.length,
    rules,
    plain,
    countDeadEnds: runs.length === 1 && plain[0]! && rules.any,
    deadSteps: null,
    after,
    maxSolutions,
    maxSteps,
    solutions: [],
    values: new Array<number>(kinds.length).fill(0),
    steps: 0,
    gaveUp: false,
  };
  visit(search, 0, 0, 0);
  return search.gaveUp ? null : search.solutions;
}

const NO_SUMS: readonly SumRule[] = [];

/**
 * The splits of two common shapes, found without the search when it could not give up on them (see
 * cutsAtMost); null for any other shape. Both are runs of digits alone: one digit per value (「0000000」), or
 * one run whose last value is the sum of the others (表三's crawler rows).
 */
function splitDirectly(
  runs: readonly string[],
  n: number,
  rules: RulesByColumn,
  maxSteps: number,
  maxSolutions: number,
): number[][] | null {
  let length = 0;
  for (const run of runs) {
    if (run.length === 0 || !isPlainDigits(run)) return null;
    length += run.length;
  }
  if (length === n && cutsAtMost(n, n) <= maxSteps) return oneDigitEach(runs, n, rules);
  // Every value of at most EXACT_DIGITS digits and n ≤ 9: every sum is exact.
  const exact = length - n + 1 <= EXACT_DIGITS && n <= 9;
  if (runs.length === 1 && exact && isTotalLast(rules, n) && cutsAtMost(length, n) <= maxSteps) {
    return splitTotalRow(runs[0]!, n, maxSolutions);
  }
  return null;
}

/**
 * At most how many steps the search takes on digits of total length L cut into n values: a step is a visit of
 * one sequence of cuts, c values of ≥ 1 character each within L characters (C(L, c) of them, c ≤ n). When
 * this is within the step bound the search cannot give up, and a split found another way is its answer.
 */
function cutsAtMost(length: number, n: number): number {
  let total = 0;
  let choose = 1; // C(length, c)
  for (let c = 0; c <= n && c <= length; c++) {
    total += choose;
    choose = (choose * (length - c)) / (c + 1);
  }
  return total;
}

/**
 * The split of runs of digits alone with one digit per value (「0000000」 for seven columns, the commonest
 * crawler row): every value takes a character at least, so the only split is a digit each, and it is a
 * solution if each sum rule holds.
 */
function oneDigitEach(runs: readonly string[], n: number, rules: RulesByColumn): number[][] {
  const values = new Array<number>(n);
  let col = 0;
  for (const run of runs) for (let i = 0; i < run.length; i++) values[col++] = run.charCodeAt(i) - 48;
  for (let at = 0; at < n; at++) {
    const rule = rules.at[at];
    if (!rule) continue;
    // As the search reads a rule: the columns summed must be taken already (else the sum is NaN).
    if (rule.from <= rule.to && rule.to >= at) return [];
    let sum = 0;
    for (let k = rule.from; k <= rule.to; k++) sum += values[k]!;
    if (sum !== values[at]) return [];
  }
  return [values];
}

/** The sum rules of a row laid out by column. */
interface RulesByColumn {
  any: boolean;
  /** The rule fixing each column. */
  at: Array<SumRule | undefined>;
  /** Per column, the first rule at it or after it. */
  next: Array<SumRule | undefined>;
}

const rulesCache = new WeakMap<readonly SumRule[], Map<number, RulesByColumn>>();
/** The rules by column, worked out once per list of rules (the callers' lists are constants). */
function rulesByColumn(sums: readonly SumRule[], columns: number): RulesByColumn {
  let byColumns = rulesCache.get(sums);
  if (!byColumns) {
    byColumns = new Map();
    rulesCache.set(sums, byColumns);
  }
  let rules = byColumns.get(columns);
  if (!rules) {
    const at = new Array<SumRule | undefined>(columns).fill(undefined);
    // A later rule for the same column wins, as it would in a map built from the list.
    for (const rule of sums) at[rule.at] = rule;
    const next = new Array<SumRule | undefined>(columns).fill(undefined);
    for (let col = columns - 1; col >= 0; col--) next[col] = at[col] ?? next[col + 1];
    rules = { any: sums.length > 0, at, next };
    byColumns.set(columns, rules);
  }
  return rules;
}

/** Whether the only rule is 表三's: the last column is the sum of all the others. */
function isTotalLast(rules: RulesByColumn, n: number): boolean {
  for (let col = 0; col < n - 1; col++) if (rules.at[col]) return false;
  const rule = rules.at[n - 1];
  return n >= 2 && rule !== undefined && rule.from === 0 && rule.to === n - 2;
}

/**
 * The splits of one run of digits alone whose last value is the sum of the others (a crawler row of 表三),
 * when the search cannot give up: found by the total first. The total is a tail of the run without a leading
 * zero; the head is then cut into n - 1 values that add up to it, and a cut stops as soon as its value
 * passes what is left to add. The splits are returned in the order the search finds them: by their cuts,
 * first to last. Every sum must be exact (see splitDirectly).
 */
function splitTotalRow(run: string, n: number, maxSolutions: number): number[][] {
  const found: Array<{ cuts: number[]; values: number[] }> = [];
  const cuts = new Array<number>(n - 1).fill(0);
  const values = new Array<number>(n).fill(0);
  const length = run.length;
  for (let q = n - 1; q < length; q++) {
    if (run.charCodeAt(q) === 48 && q < length - 1) continue; // 「05」 is not a total
    const total = digitsValue(run, q, length);
    values[n - 1] = total;
    cutHead(run, q, 0, 0, total, n, cuts, values, found);
  }
  found.sort((x, y) => compareCuts(x.cuts, y.cuts));
  return found.slice(0, maxSolutions).map((split) => split.values);
}

/** Cuts run[p, q) into values col … n - 2 that add up to `left`, as takePlain would cut them. */
function cutHead(
  run: string,
  q: number,
  p: number,
  col: number,
  left: number,
  n: number,
  cuts: number[],
  values: number[],
  found: Array<{ cuts: number[]; values: number[] }>,
): void {
  if (col === n - 2) {
    // The last value before the total is the rest of the head.
    if (run.charCodeAt(p) === 48 && q - p > 1) return;
    if (digitsValue(run, p, q) !== left) return;
    values[col] = left;
    cuts[col] = q;
    found.push({ cuts: cuts.slice(), values: values.slice() });
    return;
  }
  // A 0 stands alone; other values grow with each digit, so the cut stops once one passes what is left.
  const last = run.charCodeAt(p) === 48 ? p + 1 : q - (n - 2 - col);
  let value = 0;
  for (let e = p + 1; e <= last; e++) {
    value = value * 10 + (run.charCodeAt(e - 1) - 48);
    if (value > left) return;
    values[col] = value;
    cuts[col] = e;
    cutHead(run, q, e, col + 1, left - value, n, cuts, values, found);
  }
}

/** The number spelled by the digits run[a, b) (at most EXACT_DIGITS of them). */
function digitsValue(run: string, a: number, b: number): number {
  let value = 0;
  for (let k = a; k < b; k++) value = value * 10 + (run.charCodeAt(k) - 48);
  return value;
}

function compareCuts(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

function isPlainDigits(run: string): boolean {
  for (let i = 0; i < run.length; i++) if (!isDigit(run.charCodeAt(i))) return false;
  return true;
}

/** Takes run[p, e), worth `value`, as the value of column col and goes on after it. */
function take(search: Search, r: number, p: number, e: number, col: number, value: number): void {
  search.values[col] = value;
  if (e === search.runs[r]!.length) visit(search, r + 1, 0, col + 1);
  else visit(search, r, e, col + 1);
}

/** Every continuation from position p of run r, with values[0, col) taken. */
function visit(search: Search, r: number, p: number, col: number): void {
  if (search.gaveUp || search.solutions.length >= search.maxSolutions) return;
  if (search.countDeadEnds && r === 0 && deadEnd(search, p, col)) {
    // Nothing below can print its sum: count the steps the search would take, without taking them.
    search.steps += stepsBelow(search, p, col);
    if (search.steps > search.maxSteps) search.gaveUp = true;
    return;
  }
  if (++search.steps > search.maxSteps) {
    search.gaveUp = true;
    return;
  }
  const runs = search.runs;
  const n = search.n;
  if (r === runs.length) {
    if (col === n) search.solutions.push(search.values.slice(0, n));
    return;
  }
  if (col === n) return;
  const run = runs[r]!;
  const columnsLeft = n - col;
  if (run.length - p + search.after[r + 1]! < columnsLeft || columnsLeft < runs.length - r) return;
  const rule = search.rules.at[col];
  if (rule) {
    // The identity fixes this value: its digits must come next. (A rule over columns not yet taken sums to
    // NaN, which no run prints.)
    let sum = 0;
    for (let k = rule.from; k <= rule.to; k++) sum += k < col ? search.values[k]! : NaN;
    const end =
      search.plain[r] && Number.isSafeInteger(sum) && sum >= 0
        ? wholeNumberEnd(run, p, sum)
        : printedEnd(run, p, sum, search.kinds[col]!);
    if (end >= 0) take(search, r, p, end, col, sum);
    return;
  }
  if (search.plain[r]) takePlain(search, r, p, col);
  else takeAny(search, r, p, col, search.kinds[col]!);
}

/*
 * Rows of big numbers split many ways: 「96458543411461561935」 into six values and their 总计 is some 50,000
 * steps, nearly all of them cutting values whose sum has more digits than are left to print it. Such a dead
 * end holds no solution and no sum printed, so its steps depend on positions alone: they are counted, once per
 * position and column, rather than taken. The search gives up after the same number of steps as before.
 * (Crawler rows are one run each: the count is kept to a single run of digits alone.)
 */

/**
 * Whether no value can be printed at the next sum rule's column below visit(0, p, col) (p inside the run: the
 * end of the run is visit(1, 0, col)): the values summed so
 * far (all ≥ 0, so the sum is at least them) have more digits than are left for the sum, once the columns
 * before it took a character each.
 */
function deadEnd(search: Search, p: number, col: number): boolean {
  const rule = search.rules.next[col];
  if (!rule || rule.from >= col || rule.to >= rule.at || col === search.n) return false;
  const run = search.runs[0]!;
  let partial = 0;
  for (let k = rule.from; k <= rule.to && k < col; k++) partial += search.values[k]!;
  return Number.isSafeInteger(partial) && digitCount(partial) > run.length - p - (rule.at - col);
}

function digitCount(value: number): number {
  let digits = 1;
  for (let bound = 10; value >= bound; bound *= 10) digits++;
  return digits;
}

/**
 * The steps visit(0, p, col) takes when its next sum is never printed: the visit itself and every cut below
 * it down to the sum's column, where each ends. Counts stop growing past the step bound (the search gives up
 * there anyway).
 */
function stepsBelow(search: Search, p: number, col: number): number {
  const n = search.n;
  const run = search.runs[0]!;
  if (p === run.length || col === n || run.length - p < n - col || search.rules.at[col]) return 1;
  if (!search.deadSteps) search.deadSteps = new Float64Array((run.length + 1) * (n + 1)).fill(-1);
  const key = p * (n + 1) + col;
  const known = search.deadSteps[key]!;
  if (known >= 0) return known;
  const cap = search.maxSteps + 1;
  let total = 1;
  // As takePlain cuts: a 0 stands alone, any other digit starts values of every length.
  const last = run.charCodeAt(p) === 48 ? p + 1 : run.length;
  for (let e = p + 1; e <= last && total < cap; e++) total += stepsBelow(search, e, col + 1);
  total = Math.min(total, cap);
  search.deadSteps[key] = total;
  return total;
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
function takePlain(search: Search, r: number, p: number, col: number): void {
  const run = search.runs[r]!;
  if (run.charCodeAt(p) === 48) {
    take(search, r, p, p + 1, col, 0);
    return;
  }
  let value = 0;
  for (let e = p + 1; e <= run.length; e++) {
    value = e - p <= 15 ? value * 10 + (run.charCodeAt(e - 1) - 48) : Number(run.slice(p, e));
    take(search, r, p, e, col, value);
    if (search.gaveUp) return;
  }
}

/** Every value starting at p of a run with signs, separators or a decimal point. */
function takeAny(search: Search, r: number, p: number, col: number, kind: ValueKind): void {
  const run = search.runs[r]!;
  for (let e = p + 1; e <= run.length; e++) {
    if (!validPiece(run, p, e, kind)) {
      if (run.charCodeAt(p) === 48 && e > p + 1 && kind !== 'money') break; // a leading zero stands alone
      continue;
    }
    take(search, r, p, e, col, Number(run.slice(p, e)));
    if (search.gaveUp) return;
  }
}
