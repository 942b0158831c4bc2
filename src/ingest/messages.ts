/** What the main thread and the parsing workers send each other (structured-clone friendly, no classes). */
import type { Finding } from '../diagnostics/index.ts';
import type { PackedYearFacts } from './year-facts-cache.ts';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  /** The file's path: its base name becomes `record.source.name`. */
  file: string;
}

/** A report read, checked and validated, ready to store. */
export interface ParsedReport {
  /** The record as JSON, validated with the record schema. */
  json: string;
  agency: string | null;
  agencyKind: string | null;
  year: number | null;
  format: string;
  publishedOn: string | null;
  sourceKind: string;
  contentHash: string;
  /** The cells in `CELL_COLUMNS` order (store `cellValues`). */
  cells: (number | null)[];
  findings: Finding[];
  /** The similarity profile as stored (`encodeProfile`), for rebuilding the index. */
  profileBytes: Uint8Array;
  /**
   * Its printed sentences (`sentenceTexts`): the new report's similarity findings quote them.
   * `decodeProfile(profileBytes, sentenceTexts)` is the profile.
   */
  sentenceTexts: string[];
  /** What the cross-year checks read of it (`packYearFacts`). */
  facts: PackedYearFacts;
}

export type ParseResponse =
  | { id: number; ok: true; report: ParsedReport }
  | { id: number; ok: false; unusable: { code: string; zh: string; en: string } }
  | { id: number; ok: false; internal: string };
