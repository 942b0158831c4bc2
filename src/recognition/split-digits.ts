/**
 * Crawler text loses the separators between cells: 「规范性文件898989」, 「0000000」. Splitting such a run
 * back into cells is only safe when exactly one split gives valid numbers that satisfy the official
 * identities; with several, the cells stay undetermined. Never guess.
 */
import type { ValueKind } from '../record/index.ts';
import { validDigits } from './values.ts';

export interface SplitOptions {
  /** Called with the values so far; return false to prune (identities that can already be checked). */
  check?: (values: readonly number[]) => boolean;
  /** Stop after this many solutions: the answer is "ambiguous" anyway. */
  maxSolutions?: number;
  /** Bound on work: beyond it the split is reported as ambiguous. */
  maxSteps?: number;
}

/**
 * Every way of cutting the digit runs, in order, into exactly `kinds.length` values valid for the column
 * kinds. Returns null when the search gave up (too many possibilities).
 */
export function splitRuns(
  runs: readonly string[],
  kinds: readonly ValueKind[],
  options: SplitOptions = {},
): number[][] | null {
  const maxSolutions = options.maxSolutions ?? 8;
  const maxSteps = options.maxSteps ?? 200_000;
  const solutions: number[][] = [];
  const values: number[] = [];
  let steps = 0;
  let gaveUp = false;
  const remainingChars = (r: number, p: number) => {
    let sum = runs[r] ? runs[r]!.length - p : 0;
    for (let i = r + 1; i < runs.length; i++) sum += runs[i]!.length;
    return sum;
  };

  const visit = (r: number, p: number): void => {
    if (gaveUp || solutions.length >= maxSolutions) return;
    if (++steps > maxSteps) {
      gaveUp = true;
      return;
    }
    const col = values.length;
    if (r === runs.length) {
      if (col === kinds.length && (!options.check || options.check(values))) solutions.push([...values]);
      return;
    }
    if (col === kinds.length) return;
    const run = runs[r]!;
    const columnsLeft = kinds.length - col;
    if (remainingChars(r, p) < columnsLeft || columnsLeft < runs.length - r) return;
    for (let e = p + 1; e <= run.length; e++) {
      const piece = run.slice(p, e);
      if (!validDigits(piece, kinds[col]!)) {
        if (/^[+-]?0\d/.test(piece)) break; // a leading zero only ever stands alone
        continue;
      }
      values.push(Number(piece));
      if (!options.check || options.check(values))
        visit(e === run.length ? r + 1 : r, e === run.length ? 0 : e);
      values.pop();
      if (gaveUp) return;
    }
  };
  visit(0, 0);
  return gaveUp ? null : solutions;
}
