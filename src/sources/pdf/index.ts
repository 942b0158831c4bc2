/**
 * The PDF reader: pdf.js gives each page's text fragments and ruling lines; tables are rebuilt from the
 * lines, running text from the fragments' positions (layout.ts). Pages without a text layer (scans) are
 * read by OCR when tesseract is installed (../ocr/), and every block read that way is marked `ocr`.
 */
import { UnusableInputError, finding, type Finding } from '../../diagnostics/index.ts';
import { ocrAvailability, ocrPages } from '../ocr/index.ts';
import type { AsyncReader } from '../reader.ts';
import { documentFromBlocks } from '../text-dump.ts';
import type { PageContent } from './geometry.ts';
import { layOutPages } from './layout.ts';
import { openPdf, refusal } from './pdfjs.ts';
import { readPage } from './page.ts';
import { openDirect } from './direct/document.ts';
import { openPdfium, type PageSource } from './pdfium.ts';

/**
 * Reports run 5–40 pages. Past this, a file is a compilation or not a report, and reading it would only
 * cost time (≈20 ms a page, far more with OCR): it is refused with a message saying so.
 */
export const MAX_PDF_PAGES = 200;
/** A page with fewer characters than this and an image on it is a scanned page. */
const SCANNED_PAGE_CHARS = 10;
/**
 * pdf.js runs in this thread and cannot be interrupted inside a page; between pages, a file that has taken
 * this long is given up, so that one pathological PDF cannot hold a batch.
 */
const TIME_BUDGET_MS = 120_000;

export const readPdf: AsyncReader = async (bytes, name) => {
  const document = await openPages(bytes);
  let pages: PageContent[];
  try {
    if (document.numPages > MAX_PDF_PAGES) {
      throw new UnusableInputError(
        'input.pdf.tooManyPages',
        `PDF 页数过多（${document.numPages} 页，上限 ${MAX_PDF_PAGES} 页），不像是一份年度报告`,
        `the PDF has too many pages (${document.numPages}, limit ${MAX_PDF_PAGES}) to be one annual report`,
      );
    }
    pages = [];
    let ruled = false;
    const started = Date.now();
    for (let number = 1; number <= document.numPages; number++) {
      if (Date.now() - started > TIME_BUDGET_MS) {
        throw new UnusableInputError(
          'input.pdf.slow',
          `PDF 读取超时（${TIME_BUDGET_MS / 1000} 秒内只读了 ${number - 1} 页），文件可能异常`,
          `reading the PDF timed out (${number - 1} pages in ${TIME_BUDGET_MS / 1000} s); the file may be malformed`,
        );
      }
      const content = await document.readPage(number, ruled);
      pages.push(content);
      // A page with ruling lines may hold a table that goes on over the page break.
      ruled = content.horizontal.length > 0 && content.vertical.length > 0;
    }
  } catch (e) {
    throw refusal(e);
  } finally {
    await document.destroy();
  }

  const messages: Finding[] = [];
  const scanned = pages.filter(isScanned).map((p) => p.number);
  const ocr = new Set<number>();
  if (scanned.length > 0) {
    const availability = await ocrAvailability();
    const mostlyScanned = scanned.length >= pages.length / 2;
    if (!availability.ok) {
      if (mostlyScanned && availability.missing === 'poppler-utils') {
        throw new UnusableInputError(
          'input.pdf.scanned',
          '扫描件（无文字层），需要安装 poppler-utils 才能识别',
          'a scanned PDF (no text layer): install poppler-utils to read it',
        );
      }
      if (mostlyScanned) {
        throw new UnusableInputError(
          'input.pdf.scanned',
          '扫描件（无文字层），需要安装 tesseract-ocr 和 tesseract-ocr-chi-sim 才能识别',
          'a scanned PDF (no text layer): install tesseract-ocr and tesseract-ocr-chi-sim to read it',
        );
      }
      messages.push(
        finding(
          'read.pdf.scannedPagesSkipped',
          'warning',
          `第 ${scanned.join('、')} 页是扫描图片，未安装 OCR（tesseract-ocr、tesseract-ocr-chi-sim），这些页未读取`,
        ),
      );
    } else {
      const read = await ocrPages(bytes, name, scanned);
      for (const page of read) {
        pages[page.number - 1] = page;
        ocr.add(page.number);
      }
      messages.push(
        finding(
          'read.pdf.ocr',
          'warning',
          `第 ${scanned.join('、')} 页是扫描图片，文字由 OCR 识别，数值可能有误，请对照原件核对`,
        ),
      );
    }
  }

  const laid = layOutPages(pages, ocr);
  if (laid.blocks.length === 0) {
    throw new UnusableInputError('input.noText', 'PDF 中没有可读的文字', 'the PDF has no readable text');
  }
  if (laid.chrome > 0) {
    messages.push(finding('read.pdf.chromeDropped', 'info', `已略去页眉、页脚和页码共 ${laid.chrome} 行`));
  }
  const rotated = pages.reduce((sum, p) => sum + p.rotated, 0);
  if (rotated > 0) {
    messages.push(
      finding('read.pdf.rotatedText', 'info', `已略去旋转排列的文字（印章、竖排边注）共 ${rotated} 处`),
    );
  }
  return { document: documentFromBlocks(laid.blocks), kind: 'pdf', messages };
};

/**
 * The engine that turns pages into PageContent: the direct text-layer reader (decision 018) unless it
 * declines the file — then pdf.js reads the whole file, as it always did. XXGK_PDF_ENGINE=pdfjs forces
 * pdf.js, =pdfium selects the PDFium probe (decision 017).
 */
async function openPages(bytes: Uint8Array): Promise<PageSource> {
  const engine = process.env.XXGK_PDF_ENGINE;
  if (engine === 'pdfium') return openPdfium(bytes);
  if (engine !== 'pdfjs') {
    const direct = await readDirectly(bytes);
    if (direct) return direct;
  }
  return openPdfjs(bytes);
}

async function openPdfjs(bytes: Uint8Array): Promise<PageSource> {
  const document = await openPdf(bytes);
  return {
    numPages: document.numPages,
    readPage: async (number, afterTable) => {
      const page = await document.getPage(number);
      const content = await readPage(page, number, afterTable);
      page.cleanup();
      return content;
    },
    destroy: () => document.destroy(),
  };
}

/**
 * Every page through the direct reader, up front (a decline at the last page must still leave the whole
 * file to pdf.js), with the same `afterTable` chain readPdf computes; null when it declines. Any error
 * inside it is a decline: the direct reader never decides a refusal.
 */
async function readDirectly(bytes: Uint8Array): Promise<PageSource | null> {
  try {
    const source = openDirect(bytes);
    // Too many pages: readPdf refuses before reading any, as with pdf.js (same /Count, checked).
    if (source.numPages > MAX_PDF_PAGES) return source;
    const pages: PageContent[] = [];
    let ruled = false;
    for (let number = 1; number <= source.numPages; number++) {
      const content = await source.readPage(number, ruled);
      pages.push(content);
      ruled = content.horizontal.length > 0 && content.vertical.length > 0;
    }
    return {
      numPages: source.numPages,
      readPage: async (number) => pages[number - 1]!,
      destroy: async () => undefined,
    };
  } catch {
    return null;
  }
}

function isScanned(page: PageContent): boolean {
  if (page.images === 0) return false;
  let chars = 0;
  for (const f of page.fragments) chars += f.text.replace(/\s/g, '').length;
  return chars < SCANNED_PAGE_CHARS;
}
