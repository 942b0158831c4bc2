/**
 * The tables as Kysely sees them (the SQL is in migrations/). Booleans are integers 0/1 and timestamps
 * ISO text on both dialects; JSON is text, validated when read back.
 */
import type { Generated } from 'kysely';

export type BodyKind = 'government' | 'department' | 'township' | 'subdistrict' | 'other';
export type BodyLevel = 'province' | 'city' | 'county' | 'body';
export type FindingScope = 'report' | 'corpus';

export interface BodiesTable {
  id: string;
  parent_id: string | null;
  name: string;
  kind: BodyKind;
  level: BodyLevel;
  /** Materialised path of ids, `/44/4401/440103/`: a subtree is a prefix range (index `bodies_path`). */
  path: string;
  /** Pinyin initials of the name (`jyj` for 教育局), for search. */
  initials: string;
  /** Row order in the units file, for listings in the order the office keeps. */
  position: number;
}

/** A name a body's reports go by, set by hand with `xxgk units match --accept NAME=BODY`. */
export interface BodyAliasesTable {
  /** The agency's matching key (see matching.ts `agencyKey`). */
  alias: string;
  body_id: string;
  created_at: string;
}

export interface SourcesTable {
  sha256: string;
  bytes: Uint8Array;
  /** File name when first seen. */
  name: string;
  kind: string;
  size: number;
  first_seen: string;
  /** Parser version that last read these bytes: a file known with the current version is skipped unread. */
  parsed_with: number;
}

export interface ReportsTable {
  id: Generated<number>;
  /** `agencyKey|year`, or `source:sha256` when the report names no agency or year. */
  report_key: string;
  agency: string | null;
  agency_key: string | null;
  agency_kind: string | null;
  year: number | null;
  body_id: string | null;
  /** 0–1; null when no body was found. */
  match_confidence: number | null;
  /** How the body was found: exact, qualified, suffix, alias, manual. */
  match_method: string | null;
  created_at: string;
}

export interface ReportVersionsTable {
  id: Generated<number>;
  report_id: number;
  source_sha256: string;
  parser_version: number;
  /** The report record as JSON (validated with the record schema on write and on read). */
  record: string;
  /** Hash of what the report says (not where it came from): the same report from two sources. */
  content_hash: string;
  format: string;
  agency: string | null;
  year: number | null;
  published_on: string | null;
  created_at: string;
  /** 1 for the report's current version (at most one per report: unique partial index). */
  is_current: number;
}

/** One column per official cell (cell-columns.ts). */
export type VersionCellsTable = { version_id: number } & Record<string, number | null>;

export interface FindingsTable {
  id: Generated<number>;
  version_id: number;
  scope: FindingScope;
  rule: string;
  severity: string;
  message: string;
  /** JSON array of cell ids. */
  cells: string;
  /** JSON `{section, quote}` or null. */
  text: string | null;
  expected: number | null;
  actual: number | null;
  /** Corpus findings: the other report's version (last year's report, the peer with the same text). */
  related_version_id: number | null;
}

export interface UnreadableTable {
  /** sha256 of the bytes, or `path:<absolute path>` when the file could not even be read. */
  key: string;
  sha256: string | null;
  name: string;
  path: string;
  code: string;
  reason_zh: string;
  reason_en: string;
  parser_version: number;
  seen_at: string;
}

/** A current version's similarity profile (src/corpus `encodeProfile`): the index is rebuilt from these. */
export interface SimilarityProfilesTable {
  version_id: number;
  profile: Uint8Array;
}

/** A version whose corpus checks have not run yet: written with the version, deleted with its findings. */
export interface CorpusPendingTable {
  version_id: number;
}

export type Role = 'admin' | 'reviewer' | 'viewer';
export type Decision = 'confirmed' | 'dismissed';

export interface UsersTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  /** `scrypt$N$r$p$salt$hash` (src/web/auth/password.ts); never the password. */
  password_hash: string;
  role: Role;
  /** The body whose subtree the user may see; null: every body. */
  scope_body_id: string | null;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  /** sha256 of the session cookie's token. */
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** A reviewer's decision on a finding of a report, kept across versions, re-checks and re-parses. */
export interface FindingDecisionsTable {
  report_id: number;
  finding_key: string;
  decision: Decision;
  comment: string;
  user_id: number;
  decided_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  /** e.g. `login`, `upload`, `decision`, `user.add`. */
  action: string;
  target: string | null;
  /** JSON object. */
  detail: string;
}

export interface Database {
  bodies: BodiesTable;
  body_aliases: BodyAliasesTable;
  sources: SourcesTable;
  reports: ReportsTable;
  report_versions: ReportVersionsTable;
  version_cells: VersionCellsTable;
  findings: FindingsTable;
  unreadable: UnreadableTable;
  similarity_profiles: SimilarityProfilesTable;
  corpus_pending: CorpusPendingTable;
  users: UsersTable;
  sessions: SessionsTable;
  finding_decisions: FindingDecisionsTable;
  audit_log: AuditLogTable;
}
