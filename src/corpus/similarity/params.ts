/** The knobs of the similarity check, with the defaults docs/corpus.md explains. */

export interface SimilarityParams {
  /** Characters per shingle. Five covers a two-character word and most of the next: fine-grained but not noisy. */
  shingle: number;
  /** MinHash values (bins) per section signature, at most 65536. 128 estimates a Jaccard near 0.9 within ±0.03. */
  hashes: number;
  /** LSH bands × rows must not exceed `hashes`. 16 × 8 puts the S-curve's middle near Jaccard 0.71. */
  bands: number;
  rows: number;
  /** Seed of the MinHash functions: part of the index, since signatures made with another seed do not compare. */
  seed: number;
  /** A section needs this many normalised characters of its own (boilerplate removed) to be compared. */
  minChars: number;
  /**
   * A sentence is corpus boilerplate when at least this fraction of the indexed reports print it (and at
   * least `commonMinCount` do), once the index holds `commonMinReports` reports: below that a "fraction"
   * is just a handful of reports, which might be genuine copies.
   */
  commonFraction: number;
  commonMinCount: number;
  commonMinReports: number;
  /** log2 of the width of each row of the sentence-frequency sketch. */
  sketchBits: number;
}

export const DEFAULT_PARAMS: Readonly<SimilarityParams> = {
  shingle: 5,
  hashes: 128,
  bands: 16,
  rows: 8,
  seed: 0x5eed_2021,
  minChars: 80,
  commonFraction: 0.01,
  commonMinCount: 20,
  commonMinReports: 500,
  sketchBits: 18,
};

/** Near-identical: a (boilerplate-corrected) Jaccard similarity of at least this. */
export const DEFAULT_THRESHOLD = 0.85;

/** Candidates verified per section and query, most band collisions first: bounds the work of a query. */
export const DEFAULT_MAX_CANDIDATES = 64;

/**
 * Entries walked per LSH bucket and query, newest first. Sections of ordinary text share a bucket with a
 * handful of others; a bucket of hundreds is stock text, and walking it whole made a query's work grow with
 * the corpus (the ingest bench's generated reports, at 60,000: 4,400 entries a query and 1.5 ms; with
 * buckets per year and this bound, 350 entries and 0.2 ms).
 */
export const DEFAULT_BUCKET_WALK = 64;

export function resolveParams(params: Partial<SimilarityParams> = {}): SimilarityParams {
  const out = { ...DEFAULT_PARAMS, ...params };
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  if (![out.shingle, out.hashes, out.bands, out.rows, out.minChars].every(whole)) {
    throw new Error('similarity params: shingle, hashes, bands, rows and minChars must be positive integers');
  }
  if (![out.commonFraction, out.commonMinCount, out.commonMinReports, out.seed].every(Number.isFinite)) {
    throw new Error('similarity params: seed and the common* limits must be finite numbers');
  }
  if (out.hashes > 0xffff) throw new Error('similarity params: at most 65535 hashes');
  if (out.bands * out.rows > out.hashes) throw new Error('similarity params: bands × rows exceeds hashes');
  if (!(out.sketchBits >= 8 && out.sketchBits <= 26))
    throw new Error('similarity params: sketchBits out of range');
  return out;
}
