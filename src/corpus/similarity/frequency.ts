/**
 * How many indexed reports print a sentence: a count-min sketch over sentence hashes (two rows of 2^bits
 * counters). Fixed memory however large the corpus, counts never under-estimated, and decrements work, so
 * removing a report takes its sentences back out. Used to tell corpus-wide boilerplate from copied text.
 * The over-count is about (sentences in the corpus) / 2^bits per row, while "common" means at least 1 % of
 * the reports: with 40 sentences a report and 2^18 counters that is under 2 % of the limit at any size.
 */
import { mix32 } from './hashing.ts';

const SECOND_ROW = 0x27d4eb2f;

export class SentenceFrequency {
  private readonly first: Uint32Array;
  private readonly second: Uint32Array;
  private readonly mask: number;

  constructor(bits: number) {
    this.first = new Uint32Array(1 << bits);
    this.second = new Uint32Array(1 << bits);
    this.mask = (1 << bits) - 1;
  }

  /** Counts distinct hashes once each: a sentence printed twice in one report is one report printing it. */
  add(distinct: ArrayLike<number>, delta: 1 | -1 = 1): void {
    const { first, second, mask } = this;
    for (let i = 0; i < distinct.length; i++) {
      const hash = distinct[i]! | 0;
      const a = hash & mask;
      const b = mix32(hash ^ SECOND_ROW) & mask;
      // Never below zero: removing what was never added must not wrap the counter.
      if (delta > 0 || first[a]! > 0) first[a] = first[a]! + delta;
      if (delta > 0 || second[b]! > 0) second[b] = second[b]! + delta;
    }
  }

  count(hash: number): number {
    const h = hash | 0;
    return Math.min(this.first[h & this.mask]!, this.second[mix32(h ^ SECOND_ROW) & this.mask]!);
  }
}
