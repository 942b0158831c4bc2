/**
 * A seeded store for the web app's tests: the units registry of test/fixtures/units, and real reports
 * ingested the way `xxgk ingest` stores them (worker thread, body matching, corpus checks): the five seed
 * reports, 繁荣街道 of 2022 and a corrected second version of its 2023 report (a cross-year pair and a
 * version history), a 兴隆街道 report whose text carries markup (`<script>`, `<img onerror>`), and the
 * PDF of a generated report (unmatched: no body of the registry prints it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCsv } from '../../src/cli/units-file.ts';
import { Ingester } from '../../src/ingest/index.ts';
import { validateUnits, type Store, type UnitRow } from '../../src/store/index.ts';
import { variant } from './variants.ts';

/** Markup a hostile report may carry; `window.__xxgkPwned` is set if any of it ever runs. */
export const HOSTILE_NOTE =
  '注：<script>window.__xxgkPwned = 1</script><img src="x" onerror="window.__xxgkPwned = 2">本段为测试文字。';

const SEEDS = [
  'seed-000-subdistrict-2019-tab-cell-lines',
  'seed-001-township-2019-tab-rows-short-rows',
  'seed-002-subdistrict-2019-missing-headers-early-date',
  'seed-003-subdistrict-2021-cell-per-paragraph-chrome',
  'seed-004-government-office-2019-pipe-cells-blank-rows',
];

const PDF = 'fixtures/reports/docx-pdf-2019-table-over-pages-repeated-header/report.pdf';

export function registryRows(): UnitRow[] {
  const [, ...rows] = parseCsv(readFileSync('test/fixtures/units/registry.csv', 'utf8')).filter((r) =>
    r.some((cell) => cell.trim() !== ''),
  );
  return rows.map(([id = '', parentId = '', name = '', kind = '', level = ''], i) => ({
    line: i + 2,
    id,
    parentId,
    name,
    kind,
    level,
  }));
}

export interface SeededIds {
  /** Report ids by a short name. */
  reports: Record<'zhenxing' | 'chuankou' | 'fanrong2023' | 'fanrong2022' | 'xinglong' | 'pdf', number>;
}

/** Imports the registry and ingests the reports; returns the report ids the tests look for. */
export async function seedStore(store: Store, options: { pdf?: boolean } = {}): Promise<SeededIds> {
  await store.importUnits(validateUnits(registryRows()));
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-web-data-'));
  try {
    const files: [string, Uint8Array][] = [
      ...SEEDS.map((s): [string, Uint8Array] => [
        `${s}.txt`,
        readFileSync(`fixtures/reports/${s}/report.txt`),
      ]),
      ['fanrong-2022.txt', variant('fanrong', { year: 2022 })],
      ['fanrong-2023-corrected.txt', variant('fanrong', { note: '另外说明：本年度报告于发布后作了更正。' })],
      ['xinglong-2023.txt', variant('fanrong', { street: '兴隆街道', note: HOSTILE_NOTE })],
      ...(options.pdf === false ? [] : [['generated.pdf', readFileSync(PDF)] as [string, Uint8Array]]),
    ];
    const ingester = await Ingester.create(store, { jobs: 1 });
    try {
      // One at a time: the corrected 2023 report must arrive after the original to be its second version.
      for (const [name, bytes] of files) {
        const path = join(dir, name);
        writeFileSync(path, bytes);
        const item = await ingester.ingestFile(path);
        if (!item.ok) throw new Error(`seed ${name}: ${item.error.en}`);
      }
      await ingester.finishCorpusChecks();
    } finally {
      await ingester.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const find = async (agencyPart: string, year: number | null) => {
    const list = await store.listReports({ range: null, limit: 200 });
    const row = list.rows.find(
      (r) => (r.agency ?? '').includes(agencyPart) && (year === null || r.year === year),
    );
    if (!row) throw new Error(`seeded report ${agencyPart} ${year} not found`);
    return row.reportId;
  };
  const pdfReport = async () => {
    const list = await store.listReports({ range: null, limit: 200 });
    const row = list.rows.find((r) => r.sourceKind === 'pdf');
    return row?.reportId ?? 0;
  };
  return {
    reports: {
      zhenxing: await find('振兴', 2020),
      chuankou: await find('船口', 2020),
      fanrong2023: await find('繁荣', 2023),
      fanrong2022: await find('繁荣', 2022),
      xinglong: await find('兴隆', 2023),
      pdf: await pdfReport(),
    },
  };
}
