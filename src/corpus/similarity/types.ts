/** The values the similarity index takes and gives. */

/** Which report a section belongs to, as the store (or a batch) identifies it. */
export interface ReportKey {
  /** Unique per report (the store's report id; a batch's file path). */
  id: string;
  /** The body that reports: a units-database id, or a batch's normalised agency name. Same body, same key. */
  bodyKey: string;
  /** The year reported; null when unknown (such a report is never compared by year). */
  year: number | null;
  /** The body's name as printed, for messages. */
  agency: string | null;
}

/** A section of another report that is near-identical to a section of the report asked about. */
export interface Match {
  key: ReportKey;
  /** Official section number (1–6); only the same section of two reports is compared. */
  section: number;
  /** Jaccard similarity of the two sections' shingles, corpus boilerplate discounted (0–1). */
  similarity: number;
  /** The longest passage both print, quoted from the report asked about (≤ 120 characters); null if none. */
  passage: string | null;
  /** The opening of the section asked about (≤ 120 characters): what to show when no sentence is shared verbatim. */
  excerpt: string;
}

export interface QueryOptions {
  /** Report only matches at least this similar. Default 0.85. */
  threshold?: number;
  /** Candidates verified per section, most band collisions first. Default 64. */
  maxCandidates?: number;
  /** Entries walked per bucket, newest first. Default 64. */
  bucketWalk?: number;
  /** Which other reports count (e.g. the same body's previous year); checked before any verification. */
  accept?: (other: ReportKey) => boolean;
  /** The report itself, when it is in the index. */
  excludeId?: string;
  /**
   * The year and body of the report asked about. Given, only sections of that year's reports and of the
   * body's own reports of the years before and after are candidates: all that the similarity rules compare,
   * and what keeps a query's work from growing with the number of years held. Without it every year is
   * searched.
   */
  scope?: Pick<ReportKey, 'year' | 'bodyKey'>;
}

/** What a query did: for tests and the bench, which bound the work by counts, not by time. */
export interface QueryStats {
  /** Sections of the report that were compared. */
  sections: number;
  /** Bucket entries walked. */
  scanned: number;
  /** Distinct sections sharing at least one band (before `accept`). */
  candidates: number;
  /** Candidates whose signatures were compared. */
  verified: number;
  matches: number;
}
