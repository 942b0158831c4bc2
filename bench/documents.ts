/**
 * `npm run bench:documents`: DOCX and text-layer PDF throughput, one core. Generated reports are printed as
 * DOCX (scripts/docx-report.ts) and, when LibreOffice is installed, converted to PDF once; then each file is
 * read and recognised (`parseBytes`) in a loop after a warm-up. Prints reports/s and ms per report by wall
 * time and by this process's CPU time (other work on the machine inflates the first, not the second), and
 * for PDF pages/s and the same rate as ten-page reports (the generated reports print 5–6 pages).
 * Targets (issue 3): DOCX ≥ 200 reports/s, text-layer PDF (≈10 pages) ≥ 20 reports/s per core. The PDFs are
 * measured through the default engine (the direct text-layer reader, pdf.js for files it declines; decision
 * 018), then through pdf.js alone (XXGK_PDF_ENGINE=pdfjs) and PDFium (XXGK_PDF_ENGINE=pdfium, decision 017).
 *
 * XXGK_BENCH_DOCS   reports per format (default 40)
 * XXGK_BENCH_SEED   corpus seed (default 20250101)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkBytes, parseBytes } from '../src/pipeline/index.ts';
import { readSource } from '../src/sources/index.ts';
import { openDirect } from '../src/sources/pdf/direct/document.ts';
import { createRng, deriveSeed, randomRecord } from '../src/synthetic/index.ts';
import { reportDocx } from '../scripts/docx-report.ts';

const N = Number(process.env.XXGK_BENCH_DOCS ?? 40);
const SEED = Number(process.env.XXGK_BENCH_SEED ?? 20250101);
/** Each file is parsed this many times after the warm-up pass. */
const ROUNDS = 3;

interface Item {
  name: string;
  bytes: Uint8Array;
  pages: number;
}

async function generate(): Promise<Item[]> {
  const items: Item[] = [];
  for (let i = 0; i < N; i++) {
    const record = randomRecord(createRng(deriveSeed(SEED, i, 'bench-record')));
    const bytes = await reportDocx(record, createRng(deriveSeed(SEED, i, 'bench-docx')), {
      pageChrome: i % 2 === 0,
      splitRuns: true,
      // Larger text, as many agencies print: about ten pages a report.
      tableFontHalfPoints: 24,
    });
    items.push({ name: `${i}.docx`, bytes, pages: 0 });
  }
  return items;
}

function toPdf(docx: Item[]): Item[] | null {
  if (spawnSync('soffice', ['--version']).status !== 0) return null;
  const work = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
  try {
    const files = docx.map((item) => {
      const path = join(work, item.name);
      writeFileSync(path, item.bytes);
      return path;
    });
    const profile = pathToFileURL(join(work, 'profile')).href;
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...files],
      {
        stdio: 'ignore',
        timeout: 600_000,
      },
    );
    return docx.map((item) => {
      const path = join(work, item.name.replace(/\.docx$/, '.pdf'));
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path], { encoding: 'utf8' }))?.[1] ?? 0,
      );
      return { name: item.name.replace(/\.docx$/, '.pdf'), bytes: new Uint8Array(readFileSync(path)), pages };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function measure(label: string, items: Item[], run: (item: Item) => Promise<unknown>): Promise<void> {
  for (const item of items) await run(item);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) for (const item of items) await run(item);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const count = items.length * ROUNDS;
  const pages = items.reduce((s, i) => s + i.pages, 0) * ROUNDS;
  // Wall time counts whatever else the machine runs; CPU time of this process does not.
  const rate = (per: number, over: number) => ((per / over) * 1000).toFixed(1).padStart(6);
  console.log(
    `  ${label.padEnd(26)} wall ${rate(count, ms)} reports/s ${(ms / count).toFixed(1).padStart(6)} ms/report` +
      `   cpu ${rate(count, cpuMs)} reports/s ${(cpuMs / count).toFixed(1).padStart(6)} ms/report`,
  );
  if (pages) {
    // The reports print about 5–6 pages, not the target's ten; per page, and as ten-page
    // reports at that rate (slightly pessimistic: a document's fonts are read once, whatever its length).
    console.log(
      `  ${''.padEnd(26)} wall ${rate(pages, ms)} pages/s   ${rate(pages / 10, ms)} ten-page reports/s` +
        `   cpu ${rate(pages, cpuMs)} pages/s   ${rate(pages / 10, cpuMs)} ten-page reports/s` +
        `   (${(pages / count).toFixed(1)} pages a report)`,
    );
  }
}

console.log(`xxgk document bench: ${N} generated reports per format, seed ${SEED}, node ${process.version}`);
const docx = await generate();
const kb = (items: Item[]) =>
  (items.reduce((s, i) => s + i.bytes.length, 0) / items.length / 1024).toFixed(0);
console.log(`DOCX (${kb(docx)} KB average)`);
await measure('read (readSource)', docx, (item) => readSource(item.bytes, item.name));
await measure('parse (read + recognise)', docx, (item) => parseBytes(item.bytes, item.name));
const pdf = toPdf(docx);
if (pdf) {
  // The default engine: the direct text-layer reader, pdf.js for the files it declines (decision 018).
  let direct = 0;
  for (const item of pdf) {
    try {
      const source = openDirect(item.bytes);
      for (let n = 1; n <= source.numPages; n++) await source.readPage(n, false);
      direct++;
    } catch {
      // declined: read by pdf.js
    }
  }
  console.log(
    `PDF, text layer, LibreOffice (${kb(pdf)} KB average), default engine: direct reader ` +
      `(${direct} of ${pdf.length} files read directly; pdf.js reads any it declines)`,
  );
  await measure('read (readSource)', pdf, (item) => readSource(item.bytes, item.name));
  await measure('parse (read + recognise)', pdf, (item) => parseBytes(item.bytes, item.name));
  await measure('check (parse + rules)', pdf, (item) => checkBytes(item.bytes, item.name));
  // The same files through pdf.js alone and through PDFium (decision 017), chosen per call by the environment.
  for (const [engine, label] of [
    ['pdfjs', 'pdf.js (XXGK_PDF_ENGINE=pdfjs)'],
    ['pdfium', 'PDFium (XXGK_PDF_ENGINE=pdfium, decision 017)'],
  ] as const) {
    process.env.XXGK_PDF_ENGINE = engine;
    console.log(`PDF, the same files through ${label}`);
    await measure('read (readSource)', pdf, (item) => readSource(item.bytes, item.name));
    await measure('parse (read + recognise)', pdf, (item) => parseBytes(item.bytes, item.name));
    await measure('check (parse + rules)', pdf, (item) => checkBytes(item.bytes, item.name));
  }
  delete process.env.XXGK_PDF_ENGINE;
} else {
  console.log('PDF: skipped (LibreOffice not installed; apt-get install libreoffice-writer-nogui)');
}
