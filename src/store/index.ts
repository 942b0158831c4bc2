/**
 * Storage of reports, versions, findings and the registry of bodies, on SQLite (default) or PostgreSQL
 * through one Kysely query layer (decision 005).
 */
export { Store, type StoreCounts, type VersionHistoryEntry } from './store.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { DEFAULT_DB_FILE, describeLocation, resolveLocation, type StoreLocation } from './location.ts';
export type { DialectName, OpenOptions } from './dialect.ts';
export { defaultReaders } from './sqlite-readers.ts';
export { contentHash } from './content.ts';
export { CELL_COLUMNS, CELL_IDS, cellValues, columnOf } from './cell-columns.ts';
export {
  AUTO_MATCH,
  agencyKey,
  buildMatcher,
  coreName,
  type BodyForMatching,
  type Candidate,
  type Matcher,
  type MatchMethod,
  type MatchResult,
} from './matching.ts';
export { pinyinInitials } from './initials.ts';
export {
  parseKind,
  parseLevel,
  subtreeRange,
  UnitsError,
  validateUnits,
  type Problem,
  type UnitRow,
  type ValidBody,
} from './units.ts';
export type { AcceptTarget, Body, ImportResult, UnmatchedReport } from './bodies.ts';
export type {
  Coverage,
  CoverageFilter,
  FindingFilter,
  MissingBody,
  RegionTotals,
  StoredFinding,
  TotalsFilter,
} from './queries.ts';
export type { ReportFilter, ReportMeta, ReportRow, StoredRecord } from './exports.ts';
export type { CorpusCheck, CorpusChecksDone, CorpusReport, CorpusSubject, StoredProfile } from './corpus.ts';
export type { StoredUnreadable, UnreadableFile, UnreadableReason } from './unreadable.ts';
export type { FindingToStore, NewVersion, Saved, SaveStatus } from './versions.ts';
export type { BodyKind, BodyLevel, Decision, FindingScope, Role } from './schema.ts';
export type { AuditEntry, NewUser, SessionRow, User } from './accounts.ts';
export type { FindingDecision } from './decisions.ts';
export type {
  BodyWithReports,
  BodyYear,
  ReportHeader,
  ReportList,
  ReportListFilter,
  ReportListRow,
  RegionChoice,
  ReportSort,
  ReportVersion,
  VersionFinding,
} from './web-reports.ts';
export type { BodyCount, FoundBody, YearActivity } from './web-bodies.ts';
export { rollUp } from './web-bodies.ts';
