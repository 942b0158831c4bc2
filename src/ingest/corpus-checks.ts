/**
 * The corpus checks at ingest (docs/corpus.md, decision 015): when a version becomes current, its
 * cross-year findings (against the same body's previous year) and similarity findings are computed and
 * stored, and the reports it changes are checked again — the same body's next year, the peers it matches,
 * and whoever named the version it replaced.
 *
 * The similarity index lives in memory (`CorpusIndex`). It is built from the stored profiles (a few hundred
 * bytes per report, never the records) the first time there is something to check, so a re-ingest of an
 * unchanged corpus never loads it, and topped up with newer profiles before each later use. A version is marked pending in the transaction that stores it and
 * unmarked in the one that stores its corpus findings and its neighbours' new ones; whatever a crash
 * leaves marked is checked by the next ingest or reparse (`completePending`).
 */
import {
  crossYearFindings,
  decodeProfile,
  encodeProfile,
  matchedSimilarityFindings,
  profileReport,
  similarityCheck,
  SimilarityIndex,
  yearFacts,
  type MatchedFinding,
  type ReportKey,
  type ReportProfile,
  type YearFacts,
} from '../corpus/index.ts';
import type { CorpusCheck, CorpusSubject, FindingToStore, Store, StoredProfile } from '../store/index.ts';
import { packYearFacts, unpackYearFacts, YearFactsCache, type PackedYearFacts } from './year-facts-cache.ts';

/** A version stored by this run, with what its checks need and the worker already made. */
export interface Arrival {
  versionId: number;
  /** The version it replaced, if any: the reports that named that one are checked again. */
  replaced: number | null;
  /** With printed sentences, for quotes. */
  profile: ReportProfile;
  /** What the cross-year checks read of it, made by the worker. */
  facts: PackedYearFacts;
  /** The profile's bytes, for a version stored without them (`encodeProfile`). */
  unsavedProfile?: Uint8Array;
  /** Checked before, checked again: counted with the re-checked reports, not the new ones. */
  again?: boolean;
}

export interface CorpusTally {
  /** Versions whose corpus checks ran. */
  checked: number;
  /** Corpus findings of those versions. */
  findings: number;
  /** Other reports whose corpus findings were brought up to date. */
  rechecked: number;
}

/** Versions checked per transaction. */
export const CORPUS_ROUND = 100;
/** Stored profiles read per query when the index is rebuilt. */
const PROFILE_PAGE = 2000;

/**
 * A report's key in the index is its report id: a new version replaces the old one's sections. The body
 * is the registered body, or, unmatched, the agency's matching key — as `neighbourReport` pairs years.
 */
function keyOf(s: Omit<CorpusSubject, 'isCurrent'>): ReportKey {
  const bodyKey = s.bodyId ? `b:${s.bodyId}` : s.agencyKey ? `a:${s.agencyKey}` : `#${s.reportId}`;
  return { id: String(s.reportId), bodyKey, year: s.year, agency: s.agency };
}

/**
 * The similarity index of the stored corpus, kept in memory and brought up to date before each use:
 * profiles of versions stored since the last use (by this process or another) are added, a report's new
 * version replacing its old sections. One per CLI run; the web app keeps one for the server's life, so
 * an upload does not rebuild it (≈10 s at 100,000 reports).
 */
export class CorpusIndex {
  private index: SimilarityIndex | null = null;
  /** The version of each report in the index: findings name versions, the index knows reports. */
  readonly versionOf = new Map<number, number>();
  private loadedUpTo = 0;

  constructor(private readonly store: Store) {}

  /**
   * The index, with every profile stored since the last call added, except those of `waiting` versions
   * (this run's arrivals: their own round adds them, with the profile the worker made).
   */
  async current(waiting: (versionId: number) => boolean = () => false): Promise<SimilarityIndex> {
    const index = (this.index ??= new SimilarityIndex());
    for (;;) {
      const page: StoredProfile[] = await this.store.currentProfiles(this.loadedUpTo, PROFILE_PAGE);
      if (page.length === 0) break;
      for (const stored of page) {
        // Added when this process checked it, or to be added when it is checked.
        if (this.versionOf.get(stored.reportId) === stored.versionId || waiting(stored.versionId)) continue;
        const profile = decodeProfile(stored.profile);
        // Made with other parameters (an older xxgk): not comparable, left out until its report is stored again.
        if (!sameParams(profile, index)) continue;
        index.add(keyOf(stored), profile);
        this.versionOf.set(stored.reportId, stored.versionId);
      }
      this.loadedUpTo = page[page.length - 1]!.versionId;
    }
    return index;
  }

  /** A report that no longer has a current version leaves the index. */
  forget(reportId: number): void {
    this.index?.remove(String(reportId));
    this.versionOf.delete(reportId);
  }
}

export class CorpusChecks {
  readonly tally: CorpusTally = { checked: 0, findings: 0, rechecked: 0 };
  private readonly versionOf: Map<number, number>;
  private readonly queue: Arrival[] = [];
  /** Versions waiting in the queue: not worth re-checking now, their own turn comes. */
  private readonly queued = new Set<number>();
  /** The round being written: kept until it commits, so a retried write checks the same versions. */
  private round: Arrival[] | null = null;
  /** This run's reports, for their next year's cross-year checks. */
  private readonly facts = new YearFactsCache();
  /**
   * Versions whose similarity findings were made while the index was too small to tell corpus boilerplate
   * (fewer than `commonMinReports` reports), with their profile when this run made it: checked again once it
   * is not (`requeueUndiscounted`). Bounded: only a corpus that small adds to it.
   */
  private readonly undiscounted = new Map<number, ReportProfile | null>();
  /** Versions `requeueUndiscounted` marked: their checks count as re-checks. */
  private readonly requeued = new Set<number>();

  /** `parserVersion`: records this parser version wrote were validated on write, and are trusted. */
  constructor(
    private readonly store: Store,
    private readonly parserVersion: number,
    private readonly corpusIndex: CorpusIndex = new CorpusIndex(store),
  ) {
    this.versionOf = corpusIndex.versionOf;
  }

  arrive(arrival: Arrival): void {
    this.queue.push(arrival);
    this.queued.add(arrival.versionId);
  }

  get waiting(): number {
    return this.queue.length + (this.round?.length ?? 0);
  }

  /** A whole round is waiting (or a round is being retried). */
  get roundFull(): boolean {
    return this.round !== null || this.queue.length >= CORPUS_ROUND;
  }

  /** Checks the next round of arrivals in one transaction. Safe to call again after a failed write. */
  async runRound(): Promise<void> {
    if (!this.round) {
      this.round = this.queue.splice(0, CORPUS_ROUND);
      for (const a of this.round) this.queued.delete(a.versionId);
    }
    if (this.round.length > 0) await this.check(this.round);
    this.round = null;
  }

  /**
   * Once the index discounts corpus boilerplate, the versions whose similarity findings were made before it
   * did are checked again: otherwise the first reports of a corpus would keep peer findings for the stock
   * sentences every report prints, which a full recomputation over the final corpus does not make. They are
   * marked pending first, so a crash loses none. Those this run profiled are checked at once from their
   * profiles; an earlier run's are left to `leftovers`, which reads their records.
   */
  async requeueUndiscounted(): Promise<void> {
    if (this.undiscounted.size === 0) return;
    const index = await this.corpusIndex.current();
    if (!index.discountsCommon) return;
    const entries = [...this.undiscounted].filter(([v]) => !this.queued.has(v));
    this.undiscounted.clear();
    await this.store.markCorpusPending(entries.map(([v]) => v));
    // Only their similarity findings can change, and only against reports checked before the index could tell
    // boilerplate (all of them here too): no neighbour needs checking again.
    const kept = entries.filter((e): e is [number, ReportProfile] => e[1] !== null);
    for (let i = 0; i < kept.length; i += CORPUS_ROUND) {
      const round = kept.slice(i, i + CORPUS_ROUND);
      const checks: CorpusCheck[] = [];
      for (const [versionId, profile] of round) {
        const subject = await this.store.corpusSubject(versionId);
        if (!subject?.isCurrent) continue;
        const findings = this.similarFindings(profile, keyOf(subject), index);
        checks.push({ versionId, findings, only: 'similarity' });
      }
      await this.store.saveCorpusChecks({ checks, profiles: [], done: round.map(([v]) => v) });
      this.tally.rechecked += checks.length;
    }
    // Checked by an earlier run: left marked, `leftovers` checks them again from their records.
    for (const [v, profile] of entries) if (profile === null) this.requeued.add(v);
  }

  /**
   * The versions still marked pending that this run did not store: left by a crash, stored before the
   * checks ran at ingest, or marked again by `requeueUndiscounted`.
   */
  async leftovers(): Promise<number[]> {
    return (await this.store.pendingCorpusChecks()).filter((v) => !this.queued.has(v));
  }

  /** Queues stored versions for their checks: their records are read and profiled here, once. */
  async arriveFromStore(versionIds: readonly number[]): Promise<void> {
    for (const versionId of versionIds) {
      // A pending mark always has its version (foreign key).
      const record = (await this.store.versionRecord(versionId, this.parserVersion))!;
      const profile = profileReport(record);
      this.arrive({
        versionId,
        replaced: null,
        profile,
        facts: packYearFacts(record),
        unsavedProfile: encodeProfile(profile),
        ...(this.requeued.delete(versionId) ? { again: true } : {}),
      });
    }
  }

  private async check(round: readonly Arrival[]): Promise<void> {
    const inRound = new Set(round.map((a) => a.versionId));
    const skip = (versionId: number) => inRound.has(versionId) || this.queued.has(versionId);
    const index = await this.corpusIndex.current(skip);
    // The reports checked so far were checked against a corpus this small (or smaller).
    if (!index.discountsCommon) this.noteUndiscounted(this.versionOf.values());
    // Every report of the round goes into the index first, so reports of one round see each other.
    const subjects: { arrival: Arrival; subject: CorpusSubject; key: ReportKey }[] = [];
    for (const arrival of round) {
      const subject = await this.store.corpusSubject(arrival.versionId);
      // Replaced since (two files of one report in a run): its successor is checked instead.
      if (!subject?.isCurrent) continue;
      if (arrival.replaced !== null) await this.forgetMovedReport(arrival.replaced, subject.reportId);
      const key = keyOf(subject);
      index.add(key, arrival.profile);
      this.versionOf.set(subject.reportId, subject.versionId);
      this.facts.remember(subject.versionId, arrival.facts);
      subjects.push({ arrival, subject, key });
    }

    const checks: CorpusCheck[] = [];
    const again = new Map<number, 'all' | 'similarity'>();
    let findings = 0;
    for (const { arrival, subject, key } of subjects) {
      const { previous, next } = await this.store.neighbourVersions(subject);
      const found = [
        ...(await this.crossYear(previous, () => unpackYearFacts(arrival.facts))),
        ...this.similarity(arrival.profile, key, index, again, skip),
      ];
      checks.push({ versionId: subject.versionId, findings: found });
      if (!arrival.again) findings += found.length;
      // A previous year that arrives late changes next year's cross-year and ownPast findings.
      if (next !== null && !skip(next)) again.set(next, 'all');
      if (arrival.replaced !== null) {
        for (const named of await this.store.versionsRelatedTo(arrival.replaced)) {
          if (!skip(named)) again.set(named, 'all');
        }
      }
    }
    for (const [versionId, scope] of again) {
      const check = await this.recheck(versionId, scope, index);
      if (check) checks.push(check);
    }
    if (!index.discountsCommon) {
      for (const { arrival } of subjects) this.undiscounted.set(arrival.versionId, arrival.profile);
      this.noteUndiscounted(checks.map((c) => c.versionId));
    }
    const profiles = subjects.flatMap(({ arrival: a }) =>
      a.unsavedProfile ? [{ versionId: a.versionId, profile: a.unsavedProfile }] : [],
    );
    await this.store.saveCorpusChecks({ checks, profiles, done: round.map((a) => a.versionId) });
    const firstChecks = subjects.filter(({ arrival }) => !arrival.again).length;
    this.tally.checked += firstChecks;
    this.tally.findings += findings;
    this.tally.rechecked += checks.length - firstChecks;
  }

  /** Versions checked while the index could not tell boilerplate, their profiles not at hand. */
  private noteUndiscounted(versionIds: Iterable<number>): void {
    for (const v of versionIds) if (!this.undiscounted.has(v)) this.undiscounted.set(v, null);
  }

  /**
   * A reparse can move a version to another report (the parser now reads another agency or year): the
   * old report, left without a current version, leaves the index.
   */
  private async forgetMovedReport(replaced: number, reportId: number): Promise<void> {
    const old = await this.store.corpusSubject(replaced);
    if (old && old.reportId !== reportId && this.versionOf.get(old.reportId) === replaced)
      this.corpusIndex.forget(old.reportId);
  }

  /** `current`: the report's facts, asked for only when it has a previous year to compare with. */
  private async crossYear(previous: number | null, current: () => YearFacts): Promise<FindingToStore[]> {
    if (previous === null) return [];
    const before = await this.factsOf(previous);
    if (!before) return [];
    return crossYearFindings(before, current()).map((f) => ({ ...f, relatedVersionId: previous }));
  }

  private async factsOf(versionId: number): Promise<YearFacts | undefined> {
    const remembered = this.facts.recall(versionId);
    if (remembered) return remembered;
    const record = await this.store.versionRecord(versionId, this.parserVersion);
    return record ? yearFacts(record) : undefined;
  }

  /** The report's similarity findings; the reports whose findings it changes are added to `again`. */
  private similarity(
    profile: ReportProfile,
    key: ReportKey,
    index: SimilarityIndex,
    again: Map<number, 'all' | 'similarity'>,
    skip: (versionId: number) => boolean,
  ): FindingToStore[] {
    const { findings, affected } = similarityCheck(profile, key, index);
    for (const other of affected) {
      const versionId = this.versionOf.get(Number(other.id));
      if (versionId !== undefined && !skip(versionId) && !again.has(versionId))
        again.set(versionId, 'similarity');
    }
    return this.toStore(findings);
  }

  /** The report's similarity findings, without looking for the reports they change. */
  private similarFindings(profile: ReportProfile, key: ReportKey, index: SimilarityIndex): FindingToStore[] {
    return this.toStore(matchedSimilarityFindings(profile, key, index));
  }

  /** Findings as stored: each names the version of the report it matched. */
  private toStore(findings: readonly MatchedFinding[]): FindingToStore[] {
    return findings.map(({ finding, match }) => ({
      ...finding,
      relatedVersionId: this.versionOf.get(Number(match.key.id)) ?? null,
    }));
  }

  /** A neighbour's corpus findings again, from its stored record: all of them, or the similarity ones. */
  private async recheck(
    versionId: number,
    scope: 'all' | 'similarity',
    index: SimilarityIndex,
  ): Promise<CorpusCheck | null> {
    const subject = await this.store.corpusSubject(versionId);
    const record = subject?.isCurrent ? await this.store.versionRecord(versionId, this.parserVersion) : null;
    if (!subject || !record) return null;
    const profile = profileReport(record, index.params);
    if (!index.discountsCommon && !this.undiscounted.has(versionId))
      this.undiscounted.set(versionId, profile);
    const similar = this.similarFindings(profile, keyOf(subject), index);
    if (scope === 'similarity') return { versionId, findings: similar, only: 'similarity' };
    const { previous } = await this.store.neighbourVersions(subject);
    return {
      versionId,
      findings: [...(await this.crossYear(previous, () => yearFacts(record))), ...similar],
    };
  }
}

function sameParams(profile: ReportProfile, index: SimilarityIndex): boolean {
  const a = profile.params;
  const b = index.params;
  return a.shingle === b.shingle && a.hashes === b.hashes && a.seed === b.seed && a.minChars === b.minChars;
}
