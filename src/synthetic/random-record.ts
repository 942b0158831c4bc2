/**
 * `randomRecord`: a valid report record of either official format, as a real body could have written it.
 * Layouts (./layouts/) then print it in every way real reports are printed, and parsing the result must
 * give the record back.
 */
import { nestCells, ReportRecord, SCHEMA_ID, type FormatId } from '../record/index.ts';
import { randomAgency, type GeneratedKind } from './names.ts';
import { randomSections } from './narrative.ts';
import type { Rng } from './rng.ts';
import { randomCells, randomScale, type TableOptions } from './tables.ts';

export interface RandomRecordOptions extends TableOptions {
  format?: FormatId;
  kind?: GeneratedKind;
  /** Report year; must suit the format (2019–2020 for `2019`, 2021 and later for `2021`). */
  year?: number;
  /** Probability that the report prints no date at all (no 发布时间, no date under the signature). Default 0.1. */
  undatedProbability?: number;
  /** Probability that the report prints its statistical period (统计期限). Default 0.7. */
  periodProbability?: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

export function randomRecord(rng: Rng, options: RandomRecordOptions = {}): ReportRecord {
  const format: FormatId = options.format ?? (rng.chance(0.35) ? '2019' : '2021');
  const year = options.year ?? (format === '2019' ? rng.int(2019, 2020) : rng.int(2021, 2025));
  const agency = randomAgency(rng, options.kind);
  const scale = randomScale(rng, agency.kind);
  const cells = randomCells(rng, format, agency.kind, scale, options);

  // Departments publish by 1月31日 and most do so in January; governments, towns and sub-districts by 3月31日.
  const month =
    agency.kind === 'department'
      ? rng.weighted([
          [1, 8],
          [2, 1],
          [3, 1],
        ] as const)
      : rng.int(1, 3);
  const publishedOn = rng.chance(options.undatedProbability ?? 0.1)
    ? null
    : iso(year + 1, month, rng.int(1, daysIn(year + 1, month)));
  const period = rng.chance(options.periodProbability ?? 0.7)
    ? { from: iso(year, 1, 1), to: iso(year, 12, 31) }
    : null;

  const targetLength = Math.round(2800 + 7000 * rng.next() ** 2);
  const sections = randomSections(rng, { agency, year, format, cells, targetLength });
  const titleWords = rng.weighted([
    ['年政府信息公开工作年度报告', 8],
    ['年度政府信息公开工作年度报告', 2],
    ['年政府信息公开年度报告', 1],
  ] as const);

  return ReportRecord.parse({
    schema: SCHEMA_ID,
    title: `${agency.name}${year}${titleWords}`,
    agency: agency.name,
    agencyKind: agency.kind,
    year,
    period,
    format,
    publishedOn,
    sections,
    tables: nestCells(cells),
    source: { name: 'synthetic', kind: 'form', sha256: '', url: null },
  });
}
