/**
 * Document → report record: sections by meaning, metadata, format, and every cell of tables 二, 三, 四.
 * Recognition knows the official catalogue and nothing of file formats.
 */
import type { Document } from '../document/index.ts';
import type { Finding } from '../diagnostics/index.ts';
import {
  nestCells,
  SCHEMA_ID,
  TABLE_KEYS,
  TABLE_SECTION,
  SECTIONS,
  type CellOrigin,
  type ReportRecord,
  type Section,
  type Source,
  type TableKey,
} from '../record/index.ts';
import { detectFormat } from './format.ts';
import {
  agencyFromSignature,
  agencyFromTitle,
  agencyKindOf,
  findPeriod,
  findPublishedOn,
  findTitle,
  yearFromText,
  yearFromTitle,
} from './metadata.ts';
import { compact } from './normalize.ts';
import { piecesOf, type Piece } from './pieces.ts';
import { buildScan } from './scan.ts';
import { findHeadings, type Heading } from './sections.ts';
import { TABLE_RECOGNISERS, TABLE_START, type TableReading } from './tables/index.ts';
import { dropPageChrome } from './chrome.ts';

export interface Recognition {
  record: ReportRecord;
  messages: Finding[];
}

export interface RecordStructure {
  /** Cell ids whose column header was missing or empty. */
  missingColumns: string[];
  /** Non-official rows and columns printed in the tables. */
  extras: Array<{ table: TableKey; label: string }>;
}

interface Region {
  from: number;
  to: number;
}

function sectionRegions(headings: Heading[], total: number): Map<number, Region> {
  const regions = new Map<number, Region>();
  headings.forEach((h, i) => {
    const to = i + 1 < headings.length ? headings[i + 1]!.piece : total;
    if (!regions.has(h.section.number)) regions.set(h.section.number, { from: h.piece + 1, to });
  });
  return regions;
}

/** The stretch a table is sought in: its own section, or, when that heading is missing, between its neighbours. */
function tableRegion(
  key: TableKey,
  regions: Map<number, Region>,
  headings: Heading[],
  total: number,
): Region | null {
  const own = regions.get(TABLE_SECTION[key]);
  if (own) return own;
  const number = TABLE_SECTION[key];
  const before = headings.filter((h) => h.section.number < number).pop();
  const after = headings.find((h) => h.section.number > number);
  if (!before && !after) return { from: 0, to: total };
  return { from: before ? before.piece + 1 : 0, to: after ? after.piece : total };
}

function tableStart(pieces: Piece[], region: Region, key: TableKey): number {
  for (let i = region.from; i < region.to; i++) {
    const piece = pieces[i]!;
    if (piece.isCell) return i;
    // Crawler text runs a whole table into one line: long, but not a sentence.
    if (piece.text.length > 60 && piece.sentence) continue;
    if (TABLE_START[key].test(compact(piece.text))) return i;
  }
  return -1;
}

/** The last piece of the first table range piece i lies in, or -1 when it lies in none. */
function tableEnd(tablePieces: ReadonlyArray<readonly [number, number]>, i: number): number {
  // Indexes, not destructuring: this runs for every piece of narrative.
  for (let t = 0; t < tablePieces.length; t++) {
    const range = tablePieces[t]!;
    if (i >= range[0] && i <= range[1]) return range[1];
  }
  return -1;
}

/** The texts of pieces [from, to) that lie in no table, one per line: a table's pieces are stepped over at once. */
function narrativeText(
  pieces: readonly Piece[],
  from: number,
  to: number,
  tablePieces: ReadonlyArray<readonly [number, number]>,
): string {
  const text: string[] = [];
  for (let i = from; i < to;) {
    const end = tableEnd(tablePieces, i);
    if (end < 0) text.push(pieces[i++]!.text);
    else i = end + 1;
  }
  return text.join('\n');
}

/** The texts of pieces [from, to) (clamped to the pieces there are), one per line. */
function piecesText(pieces: readonly Piece[], from: number, to: number): string {
  const text: string[] = [];
  for (let i = from, end = Math.min(to, pieces.length); i < end; i++) text.push(pieces[i]!.text);
  return text.join('\n');
}

export function recognise(doc: Document, source: Source): Recognition {
  const messages: Finding[] = [];
  const pieces = dropPageChrome(piecesOf(doc));
  const headings = findHeadings(pieces);
  const regions = sectionRegions(headings, pieces.length);
  const firstSection = headings.length > 0 ? headings[0]!.piece : pieces.length;

  const { title, piece: titlePiece } = findTitle(pieces, Math.max(firstSection, 1));
  const lastHeadingPiece =
    headings.length > 0 ? headings[headings.length - 1]!.piece : Math.max(0, pieces.length - 15);
  const agency = (title ? agencyFromTitle(title) : null) ?? agencyFromSignature(pieces, lastHeadingPiece);
  const intro = piecesText(
    pieces,
    titlePiece + 1,
    regions.get(2)?.from ?? Math.min(pieces.length, firstSection + 40),
  );
  const period = findPeriod(intro);
  const year =
    (title ? yearFromTitle(title) : null) ??
    (period ? Number(period.from.slice(0, 4)) : null) ??
    yearFromText(intro);
  const lastHeading = headings[headings.length - 1];
  const publishedOn = findPublishedOn(
    pieces,
    lastHeading ? lastHeading.piece : Math.max(0, pieces.length - 15),
  );

  // Table labels decide the format; narrative (sentences) is left out of the search.
  const format = detectFormat(pieces, year);

  // The table recognisers write every cell here, in reading order: `origins` is the record's as is.
  const cells = new Map<string, number | null>();
  const origins: Record<string, CellOrigin> = {};
  const structure: RecordStructure = { missingColumns: [], extras: [] };
  const tablePieces: Array<[number, number]> = [];
  if (format === '2019' || format === '2021') {
    const spansFlattened = source.kind === 'text';
    let after = -1;
    for (const key of TABLE_KEYS) {
      const region = tableRegion(key, regions, headings, pieces.length);
      if (!region) continue;
      const from = tableStart(pieces, { from: Math.max(region.from, after + 1), to: region.to }, key);
      if (from < 0) continue;
      const scan = buildScan(pieces, from, region.to);
      const reading: TableReading | null = TABLE_RECOGNISERS[key](scan, {
        format,
        spansFlattened,
        sink: { cells, origins },
      });
      if (!reading) continue;
      structure.missingColumns.push(...reading.missingColumns);
      structure.extras.push(...reading.extras.map((label) => ({ table: key, label })));
      tablePieces.push([reading.firstPiece, reading.lastPiece]);
      after = reading.lastPiece;
    }
  }

  const sections: Section[] = headings.map((h, idx) => {
    const to = idx + 1 < headings.length ? headings[idx + 1]!.piece : pieces.length;
    return {
      number: h.section.number,
      title: h.title,
      printedNumber: h.printedNumber,
      text: narrativeText(pieces, h.piece + 1, to, tablePieces),
    };
  });

  const record: ReportRecord = {
    schema: SCHEMA_ID,
    title,
    agency,
    agencyKind: agencyKindOf(agency),
    year,
    period,
    format,
    publishedOn,
    sections,
    tables: nestCells(cells),
    source,
    origins,
    structure,
  };
  return { record, messages };
}

/**
 * Whether a record looks like an annual report at all: official tables, or several official sections, or a
 * title naming the report with its year (a pre-2019 report has no common tables). Anything else is an unrelated
 * document and is refused as unusable input rather than shown as an empty report.
 */
export function looksLikeReport(record: ReportRecord): boolean {
  // Sections first: counting the cells' origins walks a large object.
  if (record.sections.length >= 3 || Object.keys(record.origins ?? {}).length > 0) return true;
  return (
    record.title !== null && record.title !== undefined && record.year !== null && record.sections.length >= 1
  );
}

/**
 * Where a report that was cut off stops: it has its first sections but nothing after 四 (or its last section
 * breaks off mid-sentence). Returns the last section's heading, or null for a report that looks whole.
 */
const SENTENCE_ENDS = '。！？!?”"）)；;：:无';

export function truncatedAfter(record: ReportRecord): string | null {
  const sections = record.sections;
  // Only reports in an official format have a known end; older ones follow no common structure.
  if (sections.length === 0 || (record.format !== '2019' && record.format !== '2021')) return null;
  const last = sections[sections.length - 1]!;
  const lastNumber = Math.max(...sections.map((s) => s.number));
  const end = last.text.trim();
  // The last character, not a regex anchored at the end: that one is tried at every character of the text.
  const endsMidSentence = end !== '' && !SENTENCE_ENDS.includes(end[end.length - 1]!);
  if (lastNumber <= 4 || (lastNumber < 6 && endsMidSentence)) {
    const numeral = SECTIONS.find((s) => s.number === last.number)!.numeral;
    return `${last.printedNumber ?? numeral}、${last.title}`;
  }
  return null;
}
