/**
 * The corpus checks over a batch of reports (`xxgk check` over many files): a batch is a small corpus.
 * Each report is compared with the same body's report of the year before, if the batch holds it, and
 * every report's sections with every other report's of the batch. Without a units database a body is
 * known only by its printed name, so the body key is the normalised agency name.
 */
import type { Finding } from '../diagnostics/index.ts';
import type { ReportRecord } from '../record/index.ts';
import { crossYearFindings } from './cross-year/index.ts';
import { similarityFindings, type SimilarityOptions } from './similarity/findings.ts';
import type { SimilarityParams } from './similarity/params.ts';
import { SimilarityIndex } from './similarity/similarity-index.ts';
import type { ReportKey } from './similarity/types.ts';

export interface CorpusEntry {
  key: ReportKey;
  record: ReportRecord;
}

const NOT_NAME = /[^\p{L}\p{N}]+/gu;

/** A body's name compared loosely: full-width forms folded, spaces and punctuation dropped. */
export function bodyKeyOf(agency: string): string {
  return agency.normalize('NFKC').replace(NOT_NAME, '').toLowerCase();
}

/**
 * A batch report's key: `id` (e.g. the file path) identifies the report; the body is its normalised
 * agency name, or — when the report names none — the report alone, so that it pairs with nothing.
 */
export function reportKeyOf(id: string, record: ReportRecord): ReportKey {
  const name = record.agency === null ? '' : bodyKeyOf(record.agency);
  return { id, bodyKey: name === '' ? `#${id}` : name, year: record.year, agency: record.agency };
}

export interface CorpusOptions extends SimilarityOptions {
  params?: Partial<SimilarityParams>;
}

/**
 * Findings per report id (every id present, possibly with none): cross-year checks against the same
 * body's previous year (the first such report in batch order when the batch holds several), then
 * similarity to the previous year's report and to other bodies' reports of the same year.
 */
export function corpusFindings(
  reports: ReadonlyArray<CorpusEntry>,
  options: CorpusOptions = {},
): Map<string, Finding[]> {
  const byBodyYear = new Map<string, CorpusEntry>();
  for (const entry of reports) {
    if (entry.key.year === null) continue;
    const slot = `${entry.key.bodyKey}\u0000${entry.key.year}`;
    if (!byBodyYear.has(slot)) byBodyYear.set(slot, entry);
  }
  const index = new SimilarityIndex(options.params);
  for (const { key, record } of reports) index.add(key, record);

  const out = new Map<string, Finding[]>();
  for (const { key, record } of reports) {
    const findings: Finding[] = [];
    if (key.year !== null) {
      const previous = byBodyYear.get(`${key.bodyKey}\u0000${key.year - 1}`);
      if (previous) findings.push(...crossYearFindings(previous.record, record));
    }
    findings.push(...similarityFindings(record, key, index, options));
    out.set(key.id, findings);
  }
  return out;
}
