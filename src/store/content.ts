/**
 * What a report says, as one hash: two files with the same hash are the same report (a web page and its
 * text export), whatever their layout. Where the text sits in the file (`origins`) and which file it was
 * (`source`) are left out.
 */
import { createHash } from 'node:crypto';
import type { ReportRecord } from '../record/index.ts';
import { cellValues } from './cell-columns.ts';

/** `cells`: the record's `cellValues` when the caller has them already. */
export function contentHash(record: ReportRecord, cells = cellValues(record.tables)): string {
  const said = [
    record.agency,
    record.agencyKind,
    record.year,
    record.period,
    record.format,
    record.publishedOn,
    record.sections.map((s) => [s.number, s.title, s.text.replace(/\s+/g, '')]),
    cells,
  ];
  return createHash('sha256').update(JSON.stringify(said)).digest('hex');
}
