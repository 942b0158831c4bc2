/**
 * Makes the DOCX/PDF/legacy-Office fixtures under fixtures/reports/: generated records printed as the Word
 * file an agency would publish (scripts/docx-report.ts), converted to PDF, .doc and .odt by LibreOffice,
 * and to a scanned (image-only) PDF by rasterising the PDF with pdftoppm. Each case folder gets the input
 * files, expected.json (the record's metadata and every cell: the truth every form must give back) and a
 * README saying what the case shows. Also prints each reader-contract case as a PDF
 * (test/fixtures/contract-pdf/) and an encrypted PDF for the bad-input tests (test/fixtures/documents/).
 *
 *   node --import tsx scripts/make-fixtures.ts [case]     (needs libreoffice-writer-nogui, poppler-utils)
 *
 * Regenerate only on purpose: PDFs carry creation dates, so every run changes the bytes. Review the diff.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flattenTables, nestCells, type ReportRecord } from '../src/record/index.ts';
import {
  createRng,
  deriveSeed,
  randomRecord,
  renderReport,
  type RandomRecordOptions,
} from '../src/synthetic/index.ts';
import { CASES as CONTRACT_CASES, caseDocx, casePdfName } from '../test/support/reader-cases.ts';
import { reportDocx, type DocxReportOptions } from './docx-report.ts';
import { minimalPdf } from './minimal-pdf.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'reports');
const CONTRACT_PDFS = join(import.meta.dirname, '..', 'test', 'fixtures', 'contract-pdf');
const DOCUMENTS = join(import.meta.dirname, '..', 'test', 'fixtures', 'documents');
const SEED = 20251121;
/** Resolution of the scanned fixture: what office scanners default to, and small enough to commit. */
const SCAN_DPI = 300;

interface Case {
  name: string;
  readme: string;
  record: RandomRecordOptions & {
    /** Only records whose table 三 prints a count this large. */
    minRequests?: number;
    /** Multiply every count of table 三 (the identities are linear, so they still hold). */
    scaleRequests?: number;
    /** Sentences kept of each section's first paragraph: short files. */
    sentences?: number;
  };
  docx: DocxReportOptions;
  /** Forms written besides report.docx. */
  forms: ('pdf' | 'html' | 'doc' | 'odt' | 'rtf' | 'scanned')[];
}

const CASES: Case[] = [
  {
    name: 'docx-pdf-2021-narrow-columns-wrapped-numbers',
    readme: `A 2021-format report of a busy department (table 三's counts scaled into the tens of thousands) printed
with value columns too narrow for five digits: in the PDF LibreOffice wraps e.g. 「18590」 as 「1859」 over 「0」
inside the cell. Word's
running header (the body's name) and a 「- n -」 page-number footer are on every page; value texts are split
across runs in the DOCX. The same record is printed as a CMS page (report.html).
Shows: wrapped numbers joined, page chrome removed, runs joined — DOCX, PDF and HTML give the same cells.`,
    record: { format: '2021', kind: 'department', minRequests: 1000, scaleRequests: 10, sentences: 2 },
    docx: { valueColumnTwips: 560, pageChrome: true, splitRuns: true },
    forms: ['pdf', 'html'],
  },
  {
    name: 'docx-pdf-2019-table-over-pages-repeated-header',
    readme: `A 2019-format report whose table 三 (申请情况) runs over a page break, with Word's 「标题行重复」: the three
header rows are printed again at the top of the next page, and the merged label cells
(「三、本年度办理结果」, 「（三）不予公开」) are cut by the break. Larger table text (12 pt) makes the table long.
Shows: the two parts joined into one table, repeated headers dropped, cut label cells made whole, rows
broken across the page joined again — DOCX, PDF and HTML give the same cells.`,
    record: { format: '2019', kind: 'department', sentences: 3 },
    docx: { tableFontHalfPoints: 24, repeatHeaderRows: true, pageChrome: true },
    forms: ['pdf', 'html'],
  },
  {
    name: 'legacy-office-2021-doc-odt-rtf',
    readme: `One 2021-format report saved by LibreOffice as Word 97 (.doc) and OpenDocument (.odt) from the same
DOCX (RTF is made in the test: LibreOffice's RTF of this report is 170 KB). These are read by converting them back with LibreOffice (headless, time-limited).
Shows: legacy and other office formats read through the DOCX reader, cell for cell as the DOCX.`,
    record: { format: '2021', kind: 'township', sentences: 1 },
    docx: {},
    forms: ['doc', 'odt'],
  },
  {
    name: 'pdf-scanned-2021-ocr',
    readme: `A scanned report: the PDF of a short 2021-format report rasterised at 300 dpi (1 bit, as office scanners
save) and wrapped back into an image-only PDF — no text layer. Read only when tesseract-ocr with chi_sim is
installed: words from OCR boxes, table rules from the raster. Every cell comes back marked \`ocr\`.
Shows: scanned pages detected and read by OCR; the same cells as the DOCX.`,
    record: { format: '2021', kind: 'subdistrict', sentences: 1 },
    docx: { tableFontHalfPoints: 24 },
    forms: ['scanned'],
  },
];

const only = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'xxgk-fixtures-'));
try {
  for (const c of CASES) if (!only || c.name === only) await makeCase(c);
  if (!only || only === 'contract') await contractPdfs();
  if (!only || only === 'documents') await badDocuments();
} finally {
  rmSync(work, { recursive: true, force: true });
}

async function makeCase(c: Case): Promise<void> {
  const dir = join(ROOT, c.name);
  mkdirSync(dir, { recursive: true });
  const record = findRecord(c);
  const docx = await reportDocx(record, createRng(deriveSeed(SEED, 0, `${c.name}:docx`)), c.docx);
  writeFileSync(join(dir, 'report.docx'), docx);
  const files = ['report.docx'];
  for (const form of c.forms) {
    if (form === 'html') {
      const page = renderReport(record, 'html', createRng(deriveSeed(SEED, 0, `${c.name}:html`)));
      writeFileSync(join(dir, 'report.html'), page.bytes);
      files.push('report.html');
    } else if (form === 'scanned') {
      writeFileSync(join(dir, 'report.pdf'), scanned(convert(docx, 'pdf')));
      files.push('report.pdf');
    } else {
      writeFileSync(join(dir, `report.${form}`), convert(docx, form));
      files.push(`report.${form}`);
    }
  }
  const expected = {
    files,
    agency: record.agency,
    year: record.year,
    format: record.format,
    publishedOn: record.publishedOn,
    cells: flattenTables(record.tables),
  };
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 1)}\n`);
  writeFileSync(join(dir, 'README.md'), `# ${c.name}\n\n${c.readme}\n\nMade by scripts/make-fixtures.ts.\n`);
  console.log(`${c.name}: ${files.join(', ')}`);
}

/** Each reader-contract case printed once as a PDF: the contract suite's PDF form reads these. */
async function contractPdfs(): Promise<void> {
  mkdirSync(CONTRACT_PDFS, { recursive: true });
  for (const c of CONTRACT_CASES)
    writeFileSync(join(CONTRACT_PDFS, casePdfName(c)), convert(await caseDocx(c), 'pdf'));
  console.log(`contract PDFs: ${CONTRACT_CASES.length}`);
}

/** An encrypted PDF (opening password 「xxgk」): the one bad input that needs a real PDF writer. */
async function badDocuments(): Promise<void> {
  mkdirSync(DOCUMENTS, { recursive: true });
  const docx = await caseDocx(CONTRACT_CASES[0]!);
  const options = JSON.stringify({
    EncryptFile: { type: 'boolean', value: 'true' },
    DocumentOpenPassword: { type: 'string', value: 'xxgk' },
  });
  writeFileSync(join(DOCUMENTS, 'encrypted.pdf'), convert(docx, 'pdf', `pdf:writer_pdf_Export:${options}`));
  console.log('encrypted.pdf');
}

/** The first seeded record that fits the case, its narrative cut short to keep the files small. */
function findRecord(c: Case): ReportRecord {
  for (let i = 0; i < 10_000; i++) {
    const record = randomRecord(createRng(deriveSeed(SEED, i, c.name)), {
      ...c.record,
      undatedProbability: 0,
      blankProbability: 0.3,
    });
    const cells = { ...flattenTables(record.tables) };
    const requests = Object.entries(cells).filter(([id]) => id.startsWith('requests.'));
    if (c.record.minRequests !== undefined && !requests.some(([, v]) => (v ?? 0) >= c.record.minRequests!))
      continue;
    if (c.record.scaleRequests !== undefined) {
      for (const [id, v] of requests) if (v !== null) cells[id] = v * c.record.scaleRequests;
      record.tables = nestCells(cells);
    }
    const sentences = c.record.sentences ?? 2;
    for (const section of record.sections) {
      section.text = section.text
        .split('\n')
        .slice(0, 1)
        .map((p) =>
          p
            .split(/(?<=。)/)
            .slice(0, sentences)
            .join(''),
        )
        .join('\n');
    }
    return record;
  }
  throw new Error(`no record fits ${c.name}`);
}

/** DOCX → another format through LibreOffice, in the work directory with its own profile. */
function convert(docx: Uint8Array, target: string, filterSpec?: string): Uint8Array {
  const input = join(work, 'report.docx');
  writeFileSync(input, docx);
  const profile = pathToFileURL(join(work, 'profile')).href;
  const filter = filterSpec ?? (target === 'doc' ? 'doc:MS Word 97' : target);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', filter, '--outdir', work, input],
    {
      stdio: 'ignore',
      timeout: 120_000,
    },
  );
  return new Uint8Array(readFileSync(join(work, `report.${target}`)));
}

/** A PDF as a scanner would give it back: each page a 1-bit image (black and white scan), no text. */
function scanned(pdf: Uint8Array): Uint8Array {
  const input = join(work, 'scan-input.pdf');
  writeFileSync(input, pdf);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [input], { encoding: 'utf8' }))![1]);
  const images = [];
  for (let page = 1; page <= pages; page++) {
    const base = join(work, `scan-${page}`);
    execFileSync('pdftoppm', [
      '-r',
      String(SCAN_DPI),
      '-mono',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      input,
      base,
    ]);
    images.push(readPbm(readFileSync(`${base}.pbm`)));
  }
  return minimalPdf(
    images.map((image) => ({ items: [{ kind: 'image', image: { format: 'bits', ...image } }] })),
  );
}

/** A binary PBM (P4): rows of bits, 1 = black, each row padded to a byte. */
function readPbm(bytes: Buffer): { width: number; height: number; data: Uint8Array } {
  const header = /^P4\s+(?:#[^\n]*\n\s*)*(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a P4 PBM');
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    data: new Uint8Array(bytes.subarray(header[0].length)),
  };
}
