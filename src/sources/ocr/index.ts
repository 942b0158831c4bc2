/**
 * Scanned pages read by OCR: each page is rasterised by pdftoppm (300 dpi, grey), its words and their boxes
 * read by tesseract (`chi_sim`, TSV output), and its table rules found in the raster itself (raster.ts).
 * The result is the same PageContent a text-layer page gives, so tables and paragraphs are rebuilt by the
 * one PDF layout; the PDF reader marks everything from these pages `ocr`.
 *
 * Both tools run time-limited, one page at a time, in a temporary directory removed afterwards.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { UnusableInputError } from '../../diagnostics/index.ts';
import type { Fragment, PageContent } from '../pdf/geometry.ts';
import { run, withTempDir } from '../processes.ts';
import { parsePgm, rasterRules, withoutRules } from './raster.ts';
import { wordsOf } from './tsv.ts';

const OCR_DPI = 300;
const RASTER_TIMEOUT_MS = 60_000;
const OCR_TIMEOUT_MS = 180_000;
/** Pages read by OCR at once. */
const OCR_CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));
/** Scanned pages read per file; a longer scan is not one report (and would take many minutes). */
const MAX_OCR_PAGES = 60;

export type OcrAvailability = { ok: true } | { ok: false; missing: string };

let availability: Promise<OcrAvailability> | null = null;

/** Whether tesseract with Simplified Chinese and pdftoppm are installed (checked once per process). */
export function ocrAvailability(): Promise<OcrAvailability> {
  availability ??= (async (): Promise<OcrAvailability> => {
    const langs = await run('tesseract', ['--list-langs'], { timeoutMs: 20_000 });
    if (langs.missing || langs.code !== 0) return { ok: false, missing: 'tesseract-ocr' };
    if (!/^chi_sim$/m.test(langs.stdout + langs.stderr))
      return { ok: false, missing: 'tesseract-ocr-chi-sim' };
    const raster = await run('pdftoppm', ['-v'], { timeoutMs: 20_000 });
    if (raster.missing) return { ok: false, missing: 'poppler-utils' };
    return { ok: true };
  })();
  return availability;
}

export async function ocrPages(
  bytes: Uint8Array,
  _name: string,
  pages: readonly number[],
): Promise<PageContent[]> {
  if (pages.length > MAX_OCR_PAGES) {
    throw new UnusableInputError(
      'input.pdf.scanTooLong',
      `扫描件页数过多（${pages.length} 页需要 OCR，上限 ${MAX_OCR_PAGES} 页）`,
      `too many scanned pages to OCR (${pages.length}, limit ${MAX_OCR_PAGES})`,
    );
  }
  return withTempDir('ocr', async (dir) => {
    const input = join(dir, 'input.pdf');
    await writeFile(input, bytes);
    // A few pages at a time, each tesseract on one thread: pages are independent.
    const out: PageContent[] = new Array(pages.length);
    let next = 0;
    const worker = async () => {
      while (next < pages.length) {
        const index = next++;
        out[index] = await ocrPage(dir, input, pages[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(OCR_CONCURRENCY, pages.length) }, worker));
    return out;
  });
}

async function ocrPage(dir: string, input: string, number: number): Promise<PageContent> {
  const base = join(dir, `page-${number}`);
  const raster = await run(
    'pdftoppm',
    ['-r', String(OCR_DPI), '-gray', '-f', String(number), '-l', String(number), '-singlefile', input, base],
    { timeoutMs: RASTER_TIMEOUT_MS },
  );
  if (raster.code !== 0) throw failure(raster.timedOut, number);
  const pgm = parsePgm(await readFile(`${base}.pgm`));
  const rules = rasterRules(pgm);
  const cleaned = `${base}-text.pgm`;
  await writeFile(cleaned, withoutRules(pgm, rules));
  // psm 6 (one uniform block) reads the lone digits of table cells that automatic segmentation drops.
  const ocr = await run(
    'tesseract',
    [cleaned, 'stdout', '-l', 'chi_sim', '--psm', '6', '--dpi', String(OCR_DPI), 'tsv'],
    {
      timeoutMs: OCR_TIMEOUT_MS,
      // One page at a time is enough work; tesseract's own threads only contend with each other here.
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
    },
  );
  if (ocr.code !== 0) throw failure(ocr.timedOut, number);
  const scale = 72 / OCR_DPI;
  const fragments: Fragment[] = wordsOf(ocr.stdout).map((w) => ({
    text: w.text,
    x0: w.x0 * scale,
    x1: w.x1 * scale,
    baseline: w.baseline * scale,
    size: w.size * scale,
  }));
  const toPoints = (s: { x0: number; y0: number; x1: number; y1: number }) => ({
    x0: s.x0 * scale,
    y0: s.y0 * scale,
    x1: s.x1 * scale,
    y1: s.y1 * scale,
  });
  return {
    number,
    width: pgm.width * scale,
    height: pgm.height * scale,
    fragments,
    horizontal: rules.horizontal.map(toPoints),
    vertical: rules.vertical.map(toPoints),
    images: 1,
    rotated: 0,
  };
}

function failure(timedOut: boolean, page: number): UnusableInputError {
  return timedOut
    ? new UnusableInputError(
        'input.pdf.ocrTimeout',
        `第 ${page} 页 OCR 识别超时`,
        `OCR of page ${page} timed out`,
      )
    : new UnusableInputError(
        'input.pdf.ocrFailed',
        `第 ${page} 页 OCR 识别失败`,
        `OCR of page ${page} failed`,
      );
}
