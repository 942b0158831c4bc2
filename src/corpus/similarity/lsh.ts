/**
 * Locality-sensitive hashing of signatures: each signature is cut into bands of `rows` values, and two
 * sections that agree on every value of some band land in the same bucket. A pair with Jaccard s shares a
 * band with probability 1 − (1 − s^rows)^bands: with 16 × 8 that is 99.4 % at s = 0.85 and 6 % at s = 0.5,
 * so near-duplicates are found while sections that merely share stock phrasing rarely are. Buckets are
 * kept per year: every rule compares a report with reports of its own year, or with its own body's
 * (which the index finds without buckets).
 *
 * The buckets are chains in typed arrays, not a Map of arrays: entry e stands for band e % bands of
 * section ⌊e / bands⌋, `head[slot]` is a chain's first entry and `next[e]` the one after. Nothing else
 * is stored: a slot shared by two different bands is sorted out by comparing the band's values.
 * (Bucket keys are signed 32-bit integers throughout: see hashing.ts.)
 */
import { mix32 } from './hashing.ts';

/** The year of a report that states none, in bucket keys (no report year is 0). */
export const YEARLESS = 0;

/**
 * The bucket of a band of a section: its values, the band, the official section number and the year of
 * the section's report (`YEARLESS` for a report without one), so that only sections of the same number
 * and year meet in a bucket.
 */
export function bandKey(
  signature: ArrayLike<number>,
  offset: number,
  band: number,
  rows: number,
  section: number,
  year: number,
): number {
  let h = Math.imul(band + 1, 0x9e3779b1) ^ Math.imul(section + 1, 0x85ebca6b) ^ Math.imul(year, 0xc2b2ae35);
  const from = offset + band * rows;
  for (let r = 0; r < rows; r++) h = Math.imul(h ^ signature[from + r]!, 0x01000193);
  return mix32(h);
}

export class BandTable {
  head: Int32Array;
  next: Int32Array;
  private mask: number;

  constructor(
    private readonly bands: number,
    capacity: number,
  ) {
    this.next = new Int32Array(capacity * bands).fill(-1);
    const size = tableSize(capacity * bands);
    this.head = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  slot(key: number): number {
    return key & this.mask;
  }

  /** Room for `capacity` sections (existing chains are kept). */
  grow(capacity: number): void {
    const next = new Int32Array(capacity * this.bands).fill(-1);
    next.set(this.next);
    this.next = next;
  }

  insert(entry: number, key: number): void {
    const slot = key & this.mask;
    this.next[entry] = this.head[slot]!;
    this.head[slot] = entry;
  }

  /** Whether the head table is too small for `entries` entries: chains would average more than two. */
  crowded(entries: number): boolean {
    return entries > 2 * this.head.length;
  }

  /** An empty head table for `entries` entries; the caller re-inserts every entry. */
  resize(entries: number): void {
    const size = tableSize(entries);
    this.head = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }
}

/**
 * A power of two of at least half `entries`: chains average one or two entries, which costs a query next to
 * nothing, and a smaller table means fewer cache misses when chaining 250,000 sections × 16 bands.
 */
function tableSize(entries: number): number {
  let size = 1 << 10;
  while (size * 2 < entries) size *= 2;
  return size;
}
