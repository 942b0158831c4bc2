/**
 * The passage two sections share: the longest run of consecutive sentences the two print identically
 * (after normalisation), weighted by the characters that are not corpus boilerplate. Sentences are
 * compared by hash, so the other report's text is not needed; the quote comes from the report asked
 * about. Work is bounded: at most MAX_SENTENCES × MAX_SENTENCES steps.
 */

export interface Run {
  /** Index of the run's first and one-past-last sentence in the first sequence. */
  start: number;
  end: number;
}

/**
 * The longest common run of `a` and `b` by summed `weight` (of `a`'s sentences). Falls back to raw
 * length when every shared run weighs nothing (only boilerplate in common). Null when nothing is shared.
 */
export function longestSharedRun(
  a: ArrayLike<number>,
  weight: ArrayLike<number>,
  length: ArrayLike<number>,
  b: ArrayLike<number>,
): Run | null {
  const m = b.length;
  let previous = new Float64Array(m + 1);
  let current = new Float64Array(m + 1);
  let previousRaw = new Float64Array(m + 1);
  let currentRaw = new Float64Array(m + 1);
  let previousCount = new Uint16Array(m + 1);
  let currentCount = new Uint16Array(m + 1);
  let best = { score: 0, raw: 0, end: -1, count: 0 };
  for (let i = 0; i < a.length; i++) {
    for (let j = 1; j <= m; j++) {
      if (a[i] === b[j - 1]) {
        current[j] = previous[j - 1]! + weight[i]!;
        currentRaw[j] = previousRaw[j - 1]! + length[i]!;
        currentCount[j] = previousCount[j - 1]! + 1;
        const better = current[j]! > best.score || (current[j] === best.score && currentRaw[j]! > best.raw);
        if (better) best = { score: current[j]!, raw: currentRaw[j]!, end: i + 1, count: currentCount[j]! };
      } else {
        current[j] = 0;
        currentRaw[j] = 0;
        currentCount[j] = 0;
      }
    }
    [previous, current] = [current, previous];
    [previousRaw, currentRaw] = [currentRaw, previousRaw];
    [previousCount, currentCount] = [currentCount, previousCount];
  }
  return best.end < 0 ? null : { start: best.end - best.count, end: best.end };
}

/** The longest quote a finding carries. */
export const MAX_QUOTE = 120;

/** The sentences joined, cut at MAX_QUOTE characters (only as many sentences as needed are joined). */
export function quote(sentences: readonly string[]): string {
  let text = '';
  for (const sentence of sentences) {
    text += sentence;
    if (text.length > MAX_QUOTE) break;
  }
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}
