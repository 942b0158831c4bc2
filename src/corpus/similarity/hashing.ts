/**
 * Fast, deterministic 32-bit hashing for shingles, sentences and MinHash: Math.imul mixing only, no
 * crypto (a signature must cost microseconds, and the same text must give the same bytes on every run).
 * The inner loops keep every value a signed 32-bit integer (Int32Array, `| 0`): an unsigned value above
 * 2³⁰ is a heap double to V8, and that alone made signing several times slower.
 */
import { HashTable } from './hash-table.ts';

/** MurmurHash3's finaliser: spreads every input bit over the whole word. Unsigned. */
export function fmix32(h: number): number {
  return mix32(h) >>> 0;
}

/** The same finaliser, signed: for the hot loops. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** FNV-1a over UTF-16 code units, finalised: the identity of a normalised sentence. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

const BASE = 0x01000193;

/** Distinct shingles, by hash: one table for every call (a section has a few thousand shingles at most). */
const seen = new HashTable();

/**
 * The distinct hashes of every `k`-character shingle of `text`, in order of first appearance. A polynomial
 * rolling hash over the code units (one multiply per character), finalised so that neighbouring shingles
 * look unrelated. Duplicates are dropped through a hash table rather than by sorting, which cost four
 * times the hashing; nothing downstream depends on the order (a MinHash keeps minima).
 */
export function shingleHashes(text: string, k: number): Int32Array {
  const n = text.length - k + 1;
  if (n <= 0) return new Int32Array(0);
  let drop = 1; // BASE^(k-1): the weight of the character leaving the window
  for (let i = 1; i < k; i++) drop = Math.imul(drop, BASE);
  const distinct = new Int32Array(n);
  let count = 0;
  seen.reset(n);
  let h = 0;
  for (let i = 0; i < k; i++) h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      h = (h - Math.imul(text.charCodeAt(i - 1), drop)) | 0;
      h = (Math.imul(h, BASE) + text.charCodeAt(i + k - 1)) | 0;
    }
    const shingle = mix32(h);
    if (seen.add(shingle)) distinct[count++] = shingle;
  }
  return distinct.subarray(0, count);
}

/**
 * The MinHash signature of a set of shingle hashes, by one-permutation hashing (Li, Owen & Zhang 2012)
 * with optimal densification (Shrivastava 2017): one seeded remix per shingle sends it to one of `count`
 * bins, each bin keeps its minimum, and an empty bin borrows the value of a bin picked by a sequence that
 * depends only on the bin and the seed — so two sets agree on a position with probability equal to their
 * Jaccard similarity, as with `count` independent hash functions, for one hash per shingle instead of
 * `count` (on this project's 2-core machine, 1 ms per report became 0.05 ms).
 *
 * Stored as the low 16 bits of each minimum (b-bit MinHash): two equal minima stay equal, two different
 * ones collide with probability 2⁻¹⁶, which is noise beside the estimate's own error, and the signature
 * takes half the memory.
 */
export function minHash(shingles: Int32Array, seed: number, count: number): Uint16Array {
  const mins = new Int32Array(count).fill(0x7fffffff);
  const filled = new Uint8Array(count);
  let bins = 0;
  for (let s = 0; s < shingles.length; s++) {
    const y = mix32(shingles[s]! ^ seed);
    const bin = ((y >>> 16) * count) >>> 16;
    if (filled[bin] === 0) {
      filled[bin] = 1;
      bins++;
    }
    if (y < mins[bin]!) mins[bin] = y;
  }
  const signature = new Uint16Array(count);
  if (bins === 0) return signature;
  for (let bin = 0; bin < count; bin++) {
    signature[bin] = (filled[bin] === 1 ? mins[bin]! : mins[borrow(filled, bin, seed, count)]!) & 0xffff;
  }
  return signature;
}

/** The filled bin an empty bin takes its value from: the same for every set, given the same filled bins. */
function borrow(filled: Uint8Array, bin: number, seed: number, count: number): number {
  for (let attempt = 1; attempt <= 64 * count; attempt++) {
    const y = mix32(seed ^ Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b));
    const other = ((y >>> 16) * count) >>> 16;
    if (filled[other] === 1) return other;
  }
  // Practically unreachable (a single filled bin is found in ~count attempts); stay deterministic anyway.
  let other = bin;
  while (filled[other] === 0) other = (other + 1) % count;
  return other;
}
