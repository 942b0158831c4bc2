/**
 * The near-duplicate index over narrative sections: MinHash signatures in one typed array, LSH bands in
 * typed-array chains (lsh.ts), sentence hashes for the boilerplate filter and the quoted passage. Adding
 * or querying a report costs its own sections' shingling plus a few bucket walks, whatever the corpus
 * size. Memory is about 650 bytes per indexed section, growth room included (150 MB for 100,000 reports),
 * and a byte per sentence.
 * `serialize` gives bytes the store can keep, and `deserialize` rebuilds the same index (docs/corpus.md).
 */
import type { ReportRecord } from '../../record/index.ts';
import { decodeSnapshot, encodeSnapshot, type Snapshot } from './codec.ts';
import { SentenceFrequency } from './frequency.ts';
import { HashTable } from './hash-table.ts';
import { bandKey, BandTable, YEARLESS } from './lsh.ts';
import {
  DEFAULT_BUCKET_WALK,
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_THRESHOLD,
  resolveParams,
  type SimilarityParams,
} from './params.ts';
import { longestSharedRun, quote } from './passage.ts';
import { isProfile, profileSections, type ReportProfile, type SectionProfile } from './profile.ts';
import type { Match, QueryOptions, QueryStats, ReportKey } from './types.ts';

const DEAD = -1;
/** `hits` of a candidate that `QueryOptions` turned down. */
const TURNED_DOWN = 0;
/** Section positions are below this: see `shortlist`. */
const POSITIONS = 2 ** 32;

/** The query section's sentences, and character totals. */
interface OwnText {
  /**
   * Each distinct hash: 2 × its (last printed) length + 1 for a common sentence, 0 for the others. Only valid
   * while the query runs: the index reuses the table.
   */
  sentences: HashTable;
  commonChars: number;
  distinctive: number;
  total: number;
}

/**
 * The Jaccard similarity of two sections with the corpus-common sentences taken out of both, from the
 * similarity of the whole sections. Each side is [distinct shingles, characters, common characters];
 * characters become shingles at the side's own rate (stock phrasing repeats shingles, so a character is
 * not quite a shingle). The whole intersection, I = J(n₁+n₂)/(1+J), less the shared common part, is what
 * the distinctive parts share — at most the smaller distinctive part — and their union follows from it.
 */
export function discountCommon(
  jaccard: number,
  [n1, total1, common1]: readonly [number, number, number],
  [n2, total2, common2]: readonly [number, number, number],
  sharedChars: number,
): number {
  const rate1 = total1 > 0 ? n1 / total1 : 1;
  const rate2 = total2 > 0 ? n2 / total2 : 1;
  const c1 = Math.min(n1, common1 * rate1);
  const c2 = Math.min(n2, common2 * rate2);
  const shared = Math.min(c1, c2, sharedChars * Math.min(rate1, rate2));
  const d1 = n1 - c1;
  const d2 = n2 - c2;
  const intersection = (jaccard * (n1 + n2)) / (1 + jaccard);
  const distinctShared = Math.max(0, Math.min(d1, d2, intersection - shared));
  const union = d1 + d2 - distinctShared;
  return union <= 0 ? 0 : distinctShared / union;
}
/** Compact once this many sections are dead and they are at least half of those stored. */
const COMPACT_AFTER = 1024;

const NO_STATS: QueryStats = { sections: 0, scanned: 0, candidates: 0, verified: 0, matches: 0 };

/** A report's year as the buckets know it. */
function yearOf(key: Pick<ReportKey, 'year'>): number {
  return key.year ?? YEARLESS;
}

/** What one query's candidate search has found so far. */
interface Found {
  profile: SectionProfile;
  /** The position of the report excluded, or -1. */
  excluded: number;
  accept: QueryOptions['accept'];
  /** Entries walked per bucket at most. */
  bucketWalk: number;
  out: number[];
  scanned: number;
  candidates: number;
}

export class SimilarityIndex {
  readonly params: SimilarityParams;
  /** What the last query did. */
  lastQuery: QueryStats = NO_STATS;
  /** Sums over every query so far. */
  readonly totals: QueryStats & { queries: number } = { queries: 0, ...NO_STATS };

  private readonly hashes: number;
  private readonly frequency: SentenceFrequency;

  // Reports, by position; a removed report's key is null.
  private keys: (ReportKey | null)[] = [];
  private firstSection: number[] = [];
  private sectionCount: number[] = [];
  private readonly byId = new Map<string, number>();
  /** Live reports by body: a body's own reports of other years are compared without buckets. */
  private readonly byBody = new Map<string, number[]>();
  /** Live reports by year (`yearOf`): the buckets a query without a scope walks. */
  private readonly byYear = new Map<number, number>();
  private live = 0;

  // Sections, one slot each (struct of arrays); a report's sections are consecutive.
  private used = 0;
  private dead = 0;
  private owner = new Int32Array(0);
  private number = new Uint8Array(0);
  /** The year of the section's report (`yearOf`): part of its bucket keys. */
  private year = new Int32Array(0);
  private shingles = new Uint32Array(0);
  private signatures = new Uint16Array(0);
  private sentenceStart = new Uint32Array(0);
  private sentenceCount = new Uint16Array(0);
  private stamps = new Uint32Array(0);
  private hits = new Uint16Array(0);
  private stamp = 0;
  private table: BandTable;
  /** Scratch for `shortlist`. */
  private order = new Float64Array(256);

  // Sentence hashes and normalised lengths of every section, end to end.
  private poolUsed = 0;
  private poolHashes = new Uint32Array(0);
  private poolLengths = new Uint16Array(0);
  /** 1 where a sentence repeats an earlier one of its section: a section's sentences are counted once. */
  private poolRepeats = new Uint8Array(0);

  /** Scratch tables: the query section's sentences, and those of a section being appended. */
  private readonly ownSentences = new HashTable();
  private readonly appendedSentences = new HashTable();

  constructor(params: Partial<SimilarityParams> = {}) {
    this.params = resolveParams(params);
    this.hashes = this.params.hashes;
    this.frequency = new SentenceFrequency(this.params.sketchBits);
    this.table = new BandTable(this.params.bands, 0);
    this.growSections(1024);
    this.growPool(16 * 1024);
  }

  /** Reports in the index. */
  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /**
   * Whether queries discount corpus boilerplate: from `commonMinReports` reports on. Findings made before
   * (every sentence counted as the report's own) may not hold once the index passes that size.
   */
  get discountsCommon(): boolean {
    return this.commonLimit() !== Infinity;
  }

  /** Sections in the index (each report contributes its sections with enough text). */
  get sections(): number {
    return this.used - this.dead;
  }

  /**
   * Adds a report's sections, from its record or from its profile (`profileReport`, made with this index's
   * parameters); a report already in the index under the same id is replaced.
   */
  add(key: ReportKey, report: ReportRecord | ReportProfile): void {
    const profiles = this.profiles(report);
    this.remove(key.id);
    const index = this.register(key, profiles.length);
    const distinct = new Set<number>();
    for (const profile of profiles) {
      const hashes = profile.sentences.map((s) => s.hash);
      const lengths = profile.sentences.map((s) => s.length);
      this.appendSection(index, profile.number, yearOf(key), profile.shingles, profile.signature, 0, {
        hashes,
        lengths,
        from: 0,
        count: hashes.length,
      });
      for (const h of hashes) distinct.add(h);
    }
    this.frequency.add([...distinct]);
  }

  /** Takes a report out of the index (by key or id); nothing happens if it is not there. */
  remove(key: ReportKey | string): void {
    const id = typeof key === 'string' ? key : key.id;
    const index = this.byId.get(id);
    if (index === undefined) return;
    this.byId.delete(id);
    const removed = this.keys[index]!;
    const ofBody = this.byBody.get(removed.bodyKey)!;
    if (ofBody.length === 1) this.byBody.delete(removed.bodyKey);
    else ofBody.splice(ofBody.indexOf(index), 1);
    const year = yearOf(removed);
    const ofYear = this.byYear.get(year)!;
    if (ofYear === 1) this.byYear.delete(year);
    else this.byYear.set(year, ofYear - 1);
    this.keys[index] = null;
    this.live--;
    const first = this.firstSection[index]!;
    const count = this.sectionCount[index]!;
    const distinct = new Set<number>();
    for (let s = first; s < first + count; s++) {
      this.owner[s] = DEAD;
      this.dead++;
      const start = this.sentenceStart[s]!;
      for (let i = start; i < start + this.sentenceCount[s]!; i++) distinct.add(this.poolHashes[i]!);
    }
    this.frequency.add([...distinct], -1);
    if (this.dead >= COMPACT_AFTER && this.dead * 2 >= this.used) this.load(this.snapshot(), false);
  }

  /**
   * The sections of other reports near-identical to the record's sections, section by section: same
   * section number, similarity at least the threshold. Sorted by section, then most similar first.
   */
  query(report: ReportRecord | ReportProfile, options: QueryOptions = {}): Match[] {
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const maxCandidates = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
    const stats: QueryStats = { ...NO_STATS };
    const matches: Match[] = [];
    const commonLimit = this.commonLimit();
    for (const profile of this.profiles(report)) {
      const own = this.ownText(profile, commonLimit);
      if (own.distinctive < this.params.minChars) continue; // only corpus boilerplate: nothing to copy
      stats.sections++;
      const candidates = this.candidates(profile, options, stats);
      for (const section of this.shortlist(candidates, maxCandidates)) {
        stats.verified++;
        const similarity = this.similarity(profile, own, section, commonLimit);
        if (similarity < threshold) continue;
        matches.push({
          key: this.keys[this.owner[section]!]!,
          section: profile.number,
          similarity,
          passage: this.passage(profile, section, commonLimit),
          excerpt: quote(profile.sentences.map((s) => s.text)),
        });
      }
    }
    stats.matches = matches.length;
    this.record(stats);
    matches.sort(
      (a, b) => a.section - b.section || b.similarity - a.similarity || (a.key.id < b.key.id ? -1 : 1),
    );
    return matches;
  }

  serialize(): Uint8Array {
    return encodeSnapshot(this.params, this.snapshot());
  }

  static deserialize(bytes: Uint8Array): SimilarityIndex {
    const { params, snapshot } = decodeSnapshot(bytes);
    const index = new SimilarityIndex(params);
    index.load(snapshot, true);
    return index;
  }

  // ---------------------------------------------------------------- querying

  private profiles(report: ReportRecord | ReportProfile): SectionProfile[] {
    if (!isProfile(report)) return profileSections(report, this.params);
    const mine = this.params;
    const theirs = report.params;
    if (
      theirs.shingle !== mine.shingle ||
      theirs.hashes !== mine.hashes ||
      theirs.seed !== mine.seed ||
      theirs.minChars !== mine.minChars
    ) {
      throw new Error('similarity profile made with other parameters than the index');
    }
    return report.sections;
  }

  /** Sentences that this many reports print are corpus boilerplate; Infinity while the corpus is small. */
  private commonLimit(): number {
    const p = this.params;
    if (this.live < p.commonMinReports) return Infinity;
    return Math.max(p.commonMinCount, Math.ceil(p.commonFraction * this.live));
  }

  private isCommon(hash: number, commonLimit: number): boolean {
    return commonLimit !== Infinity && this.frequency.count(hash) >= commonLimit;
  }

  /** The query section's characters in distinct boilerplate sentences, and in the rest. */
  private ownText(profile: SectionProfile, commonLimit: number): OwnText {
    const sentences = this.ownSentences;
    sentences.reset(profile.sentences.length);
    let commonChars = 0;
    let distinctive = 0;
    let total = 0;
    for (const s of profile.sentences) {
      total += s.length;
      if (this.isCommon(s.hash, commonLimit)) {
        const before = sentences.set(s.hash, 2 * s.length + 1);
        commonChars += s.length - (before === -1 ? 0 : before >>> 1);
      } else {
        distinctive += s.length;
        sentences.set(s.hash, 0);
      }
    }
    return { sentences, commonChars, distinctive, total };
  }

  /**
   * Every live section with the same number sharing a band with the profile, as `stats.candidates` counts
   * them; of those, the ones `options` accepts are returned, and `hits` counts their bands. Whether a
   * section is accepted is asked once, when it first shares a band: one turned down is not compared again,
   * which spares reading its signature for every further band it is chained in. With a scope, the buckets
   * of the scope's year are walked and the body's own sections of the years before and after are compared
   * band by band; without one, the buckets of every year.
   */
  private candidates(profile: SectionProfile, options: QueryOptions, stats: QueryStats): number[] {
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    const found: Found = {
      profile,
      excluded: options.excludeId === undefined ? -1 : (this.byId.get(options.excludeId) ?? -1),
      accept: options.accept,
      bucketWalk: options.bucketWalk ?? DEFAULT_BUCKET_WALK,
      out: [],
      scanned: 0,
      candidates: 0,
    };
    const scope = options.scope;
    if (scope === undefined) {
      for (const year of [...this.byYear.keys()].sort((a, b) => a - b)) this.walkBuckets(found, year);
    } else {
      const year = yearOf(scope);
      this.walkBuckets(found, year);
      if (year !== YEARLESS) this.compareOwnBody(found, scope.bodyKey, year);
    }
    stats.scanned += found.scanned;
    stats.candidates += found.candidates;
    return found.out;
  }

  /**
   * The buckets of the profile's bands among the sections of one year, each walked newest first and no
   * further than `bucketWalk` entries: a bucket holding more sections than a query verifies is stock text
   * that many reports print, and walking it whole made every query cost in proportion to the corpus.
   */
  private walkBuckets(found: Found, year: number): void {
    const { bands, rows } = this.params;
    const { profile } = found;
    const signature = profile.signature;
    const { head, next } = this.table;
    const { owner, number, stamps, hits, stamp } = this;
    for (let band = 0; band < bands; band++) {
      const slot = this.table.slot(bandKey(signature, 0, band, rows, profile.number, year));
      let walked = 0;
      for (let entry = head[slot]!; entry !== -1 && walked < found.bucketWalk; entry = next[entry]!) {
        walked++;
        found.scanned++;
        const section = (entry / bands) | 0;
        if (entry - section * bands !== band) continue;
        if (owner[section] === DEAD || number[section] !== profile.number) continue;
        if (this.year[section] !== year) continue;
        const seen = stamps[section] === stamp;
        if (seen && hits[section] === TURNED_DOWN) continue;
        if (!this.sameBand(signature, section, band)) continue;
        if (seen) {
          hits[section]!++;
          continue;
        }
        stamps[section] = stamp;
        this.consider(found, section, 1);
      }
    }
  }

  /**
   * The body's own reports of the years before and after (newest first, as many as a bucket walk): each
   * section of the profile's number compared on every band, which finds what those years' buckets would.
   */
  private compareOwnBody(found: Found, bodyKey: string, year: number): void {
    const reports = this.byBody.get(bodyKey) ?? [];
    let compared = 0;
    for (let i = reports.length - 1; i >= 0 && compared < found.bucketWalk; i--) {
      const other = yearOf(this.keys[reports[i]!]!);
      if (other !== year - 1 && other !== year + 1) continue;
      compared++;
      this.compareBands(found, reports[i]!);
    }
  }

  /** One report's sections of the profile's number, each compared on every band: what its buckets would give. */
  private compareBands(found: Found, report: number): void {
    const { bands } = this.params;
    const { profile } = found;
    const first = this.firstSection[report]!;
    for (let section = first; section < first + this.sectionCount[report]!; section++) {
      found.scanned++;
      if (this.number[section] !== profile.number || this.stamps[section] === this.stamp) continue;
      let shared = 0;
      for (let band = 0; band < bands; band++) if (this.sameBand(profile.signature, section, band)) shared++;
      if (shared === 0) continue;
      this.stamps[section] = this.stamp;
      this.consider(found, section, shared);
    }
  }

  /** A section met for the first time in this query, sharing `shared` bands so far. */
  private consider(found: Found, section: number, shared: number): void {
    found.candidates++;
    const other = this.owner[section]!;
    if (other === found.excluded || (found.accept && !found.accept(this.keys[other]!))) {
      this.hits[section] = TURNED_DOWN;
    } else {
      this.hits[section] = shared;
      found.out.push(section);
    }
  }

  /**
   * At most `max` candidates, most band collisions first (then by position). The sort is of plain numbers
   * in a typed array: a comparator over the candidates cost more than the rest of the choice.
   */
  private shortlist(candidates: readonly number[], max: number): number[] {
    if (this.order.length < candidates.length) this.order = new Float64Array(candidates.length * 2);
    let count = 0;
    for (const section of candidates) {
      // Hits (< 2¹⁶), reversed, above the position (< 2³²): exact in a double, and ascending order is ours.
      this.order[count++] = (0xffff - this.hits[section]!) * POSITIONS + section;
    }
    return Array.from(this.order.subarray(0, count).sort().subarray(0, max), (key) => key % POSITIONS);
  }

  private sameBand(signature: Uint16Array, section: number, band: number): boolean {
    const rows = this.params.rows;
    const from = band * rows;
    const offset = section * this.hashes + from;
    for (let r = 0; r < rows; r++) if (signature[from + r] !== this.signatures[offset + r]) return false;
    return true;
  }

  /**
   * The estimated Jaccard similarity of the two sections' shingle sets, with the sentences that are
   * corpus boilerplate now taken out of both sets. The signature estimates the whole sets; their sizes are
   * stored, so the estimated intersection and union can be corrected by the boilerplate characters each
   * side prints (a character of a sentence is about one shingle). Signatures stay as they were made;
   * what counts as boilerplate can change as the corpus grows.
   */
  private similarity(profile: SectionProfile, own: OwnText, section: number, commonLimit: number): number {
    const offset = section * this.hashes;
    let equal = 0;
    for (let i = 0; i < this.hashes; i++) if (profile.signature[i] === this.signatures[offset + i]) equal++;
    const jaccard = equal / this.hashes;
    if (commonLimit === Infinity) return jaccard;

    let total = 0;
    let common = 0;
    let distinctive = 0;
    let sharedCommon = 0;
    let sharedDistinctive = 0;
    const start = this.sentenceStart[section]!;
    const end = start + this.sentenceCount[section]!;
    for (let i = start; i < end; i++) {
      const hash = this.poolHashes[i]!;
      const length = this.poolLengths[i]!;
      const mine = own.sentences.get(hash);
      const shared = mine !== -1;
      // Whether a sentence is common depends on its hash alone: the query's own are classified already.
      const isCommon = shared ? (mine & 1) === 1 : this.isCommon(hash, commonLimit);
      total += length;
      if (!isCommon) distinctive += length;
      if (this.poolRepeats[i] === 1) continue;
      if (isCommon) {
        common += length;
        if (shared) sharedCommon += length;
      } else if (shared) {
        sharedDistinctive += length;
      }
    }
    if (own.commonChars === 0 && common === 0) return jaccard;
    // Shingles shared between two different stock sentences cannot be told from shared text of their own:
    // with boilerplate involved, half the smaller own part must be printed word for word by both.
    if (sharedDistinctive < 0.5 * Math.min(own.distinctive, distinctive)) return 0;
    return discountCommon(
      jaccard,
      [profile.shingles, own.total, own.commonChars],
      [this.shingles[section]!, total, common],
      sharedCommon,
    );
  }

  /** The longest run of sentences both sections print, quoted from the profile's report. */
  private passage(profile: SectionProfile, section: number, commonLimit: number): string | null {
    const mine = profile.sentences;
    const hashes = mine.map((s) => s.hash);
    const lengths = mine.map((s) => s.length);
    const weights = mine.map((s) => (this.isCommon(s.hash, commonLimit) ? 0 : s.length));
    const start = this.sentenceStart[section]!;
    const theirs = this.poolHashes.subarray(start, start + this.sentenceCount[section]!);
    const run = longestSharedRun(hashes, weights, lengths, theirs);
    return run ? quote(mine.slice(run.start, run.end).map((s) => s.text)) : null;
  }

  private record(stats: QueryStats): void {
    this.lastQuery = stats;
    this.totals.queries++;
    this.totals.sections += stats.sections;
    this.totals.scanned += stats.scanned;
    this.totals.candidates += stats.candidates;
    this.totals.verified += stats.verified;
    this.totals.matches += stats.matches;
  }

  // ---------------------------------------------------------------- storage

  /** A new report's position, its sections to be appended next. */
  private register(key: ReportKey, sections: number): number {
    const index = this.keys.length;
    this.keys.push(key);
    this.byId.set(key.id, index);
    const ofBody = this.byBody.get(key.bodyKey);
    if (ofBody === undefined) this.byBody.set(key.bodyKey, [index]);
    else ofBody.push(index);
    const year = yearOf(key);
    this.byYear.set(year, (this.byYear.get(year) ?? 0) + 1);
    this.firstSection.push(this.used);
    this.sectionCount.push(sections);
    this.live++;
    return index;
  }

  /**
   * Appends one section, copying its signature (from `signature` at `offset`) and its sentences (a slice of
   * `sentences`). Offsets instead of subarrays: loading 250,000 sections made a million views otherwise.
   */
  private appendSection(
    report: number,
    number: number,
    year: number,
    shingles: number,
    signature: Uint16Array,
    offset: number,
    sentences: { hashes: ArrayLike<number>; lengths: ArrayLike<number>; from: number; count: number },
  ): void {
    if (this.used === this.owner.length) this.growSections(this.owner.length * 2);
    const { hashes, lengths, from, count } = sentences;
    if (this.poolUsed + count > this.poolHashes.length) {
      this.growPool(Math.max(this.poolHashes.length * 2, this.poolUsed + count));
    }
    const s = this.used++;
    this.owner[s] = report;
    this.number[s] = number;
    this.year[s] = year;
    this.shingles[s] = shingles;
    const at = s * this.hashes;
    for (let i = 0; i < this.hashes; i++) this.signatures[at + i] = signature[offset + i]!;
    this.sentenceStart[s] = this.poolUsed;
    this.sentenceCount[s] = count;
    const seen = this.appendedSentences;
    seen.reset(count);
    for (let i = 0; i < count; i++) {
      const hash = hashes[from + i]!;
      this.poolHashes[this.poolUsed + i] = hash;
      this.poolLengths[this.poolUsed + i] = lengths[from + i]!;
      this.poolRepeats[this.poolUsed + i] = seen.add(hash) ? 0 : 1;
    }
    this.poolUsed += count;
    this.chain(s);
  }

  private chain(section: number): void {
    const { bands, rows } = this.params;
    const entries = (section + 1) * bands;
    if (this.table.crowded(entries)) {
      this.table.resize(entries * 2); // room to grow before the next re-chaining
      for (let s = 0; s < section; s++) this.chainBands(s, bands, rows);
    }
    this.chainBands(section, bands, rows);
  }

  private chainBands(section: number, bands: number, rows: number): void {
    const offset = section * this.hashes;
    for (let band = 0; band < bands; band++) {
      this.table.insert(
        section * bands + band,
        bandKey(this.signatures, offset, band, rows, this.number[section]!, this.year[section]!),
      );
    }
  }

  private growSections(capacity: number): void {
    const grow = <T extends Int32Array | Uint8Array | Uint16Array | Uint32Array>(
      old: T,
      make: (n: number) => T,
      per = 1,
    ): T => {
      const next = make(capacity * per);
      next.set(old as never);
      return next;
    };
    this.owner = grow(this.owner, (n) => new Int32Array(n));
    this.number = grow(this.number, (n) => new Uint8Array(n));
    this.year = grow(this.year, (n) => new Int32Array(n));
    this.shingles = grow(this.shingles, (n) => new Uint32Array(n));
    this.signatures = grow(this.signatures, (n) => new Uint16Array(n), this.hashes);
    this.sentenceStart = grow(this.sentenceStart, (n) => new Uint32Array(n));
    this.sentenceCount = grow(this.sentenceCount, (n) => new Uint16Array(n));
    this.stamps = grow(this.stamps, (n) => new Uint32Array(n));
    this.hits = grow(this.hits, (n) => new Uint16Array(n));
    this.table.grow(capacity);
  }

  private growPool(capacity: number): void {
    const hashes = new Uint32Array(capacity);
    hashes.set(this.poolHashes.subarray(0, this.poolUsed));
    const lengths = new Uint16Array(capacity);
    lengths.set(this.poolLengths.subarray(0, this.poolUsed));
    const repeats = new Uint8Array(capacity);
    repeats.set(this.poolRepeats.subarray(0, this.poolUsed));
    this.poolHashes = hashes;
    this.poolLengths = lengths;
    this.poolRepeats = repeats;
  }

  /** The live reports and sections, packed: what serialisation writes and compaction reloads. */
  private snapshot(): Snapshot {
    const keys: ReportKey[] = [];
    const sectionCounts: number[] = [];
    const live: number[] = [];
    this.keys.forEach((key, index) => {
      if (key === null) return;
      keys.push(key);
      sectionCounts.push(this.sectionCount[index]!);
      const first = this.firstSection[index]!;
      for (let s = first; s < first + this.sectionCount[index]!; s++) live.push(s);
    });
    const sentences = live.reduce((n, s) => n + this.sentenceCount[s]!, 0);
    const out: Snapshot = {
      keys,
      sectionCounts,
      number: new Uint8Array(live.length),
      shingles: new Uint32Array(live.length),
      sentenceCount: new Uint16Array(live.length),
      signatures: new Uint16Array(live.length * this.hashes),
      sentenceHashes: new Uint32Array(sentences),
      sentenceLengths: new Uint16Array(sentences),
    };
    let at = 0;
    live.forEach((s, i) => {
      out.number[i] = this.number[s]!;
      out.shingles[i] = this.shingles[s]!;
      out.sentenceCount[i] = this.sentenceCount[s]!;
      out.signatures.set(this.signatures.subarray(s * this.hashes, (s + 1) * this.hashes), i * this.hashes);
      const start = this.sentenceStart[s]!;
      const end = start + this.sentenceCount[s]!;
      out.sentenceHashes.set(this.poolHashes.subarray(start, end), at);
      out.sentenceLengths.set(this.poolLengths.subarray(start, end), at);
      at += end - start;
    });
    return out;
  }

  /** Replaces the contents with a snapshot; `count` adds its sentences to the frequencies (a fresh index). */
  private load(snapshot: Snapshot, count: boolean): void {
    const sections = snapshot.number.length;
    this.keys = [];
    this.firstSection = [];
    this.sectionCount = [];
    this.byId.clear();
    this.byBody.clear();
    this.byYear.clear();
    this.live = 0;
    this.used = 0;
    this.dead = 0;
    this.poolUsed = 0;
    this.owner = new Int32Array(0);
    this.number = new Uint8Array(0);
    this.year = new Int32Array(0);
    this.shingles = new Uint32Array(0);
    this.signatures = new Uint16Array(0);
    this.sentenceStart = new Uint32Array(0);
    this.sentenceCount = new Uint16Array(0);
    this.stamps = new Uint32Array(0);
    this.hits = new Uint16Array(0);
    this.table = new BandTable(this.params.bands, 0);
    this.table.resize(Math.ceil(sections * 1.25) * this.params.bands);
    this.growSections(Math.max(1024, Math.ceil(sections * 1.25)));
    this.poolHashes = new Uint32Array(0);
    this.poolLengths = new Uint16Array(0);
    this.poolRepeats = new Uint8Array(0);
    this.growPool(Math.max(16 * 1024, Math.ceil(snapshot.sentenceHashes.length * 1.25)));

    let section = 0;
    let sentence = 0;
    snapshot.keys.forEach((key) => {
      const sectionCount = snapshot.sectionCounts[this.keys.length]!;
      const index = this.register(key, sectionCount);
      const distinct = new Set<number>();
      for (let i = 0; i < sectionCount; i++, section++) {
        const n = snapshot.sentenceCount[section]!;
        this.appendSection(
          index,
          snapshot.number[section]!,
          yearOf(key),
          snapshot.shingles[section]!,
          snapshot.signatures,
          section * this.hashes,
          { hashes: snapshot.sentenceHashes, lengths: snapshot.sentenceLengths, from: sentence, count: n },
        );
        if (count) for (let h = sentence; h < sentence + n; h++) distinct.add(snapshot.sentenceHashes[h]!);
        sentence += n;
      }
      if (count) this.frequency.add([...distinct]);
    });
  }
}
