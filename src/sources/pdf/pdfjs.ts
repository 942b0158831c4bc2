/**
 * pdf.js, loaded once and configured for reading (not rendering) in Node: the legacy build, its CMaps and
 * standard fonts from node_modules (without them Chinese PDFs whose fonts are not embedded read as
 * nothing), no eval, no font faces, no worker thread (the worker runs in this thread).
 *
 * The legacy build ships core-js polyfills that *replace* `Array.prototype.push`, `JSON.parse` and
 * `JSON.stringify` process-wide with much slower versions (Node 20 trips a feature probe). That slowed the
 * whole pipeline — every reader, not only PDF — so the natives are put back once pdf.js has loaded; pdf.js
 * does not depend on the replaced behaviour (see docs/decisions/011-pdf-reading.md).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UnusableInputError } from '../../diagnostics/index.ts';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let loading: Promise<PdfJs> | null = null;

export function pdfjs(): Promise<PdfJs> {
  loading ??= load();
  return loading;
}

async function load(): Promise<PdfJs> {
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Importing the worker module registers it on globalThis: pdf.js then runs it in this thread.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  return lib;
}

/** node_modules/pdfjs-dist, wherever npm put it; pdf.js wants directory paths ending in '/'. */
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${join(PDFJS_ROOT, 'cmaps')}/`;
const STANDARD_FONT_URL = `${join(PDFJS_ROOT, 'standard_fonts')}/`;

export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const lib = await pdfjs();
  // pdf.js takes ownership of (detaches) the buffer it is given; the caller's bytes are still needed (hashing).
  const data = new Uint8Array(bytes);
  const task = lib.getDocument({
    data,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_URL,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw refusal(e);
  }
}

/** pdf.js errors → one clear line. Only errors pdf.js raises for the file itself are refusals. */
export function refusal(e: unknown): unknown {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'PasswordException') {
    return new UnusableInputError(
      'input.pdf.encrypted',
      'PDF 文件已加密（需要密码才能打开），无法读取',
      'the PDF is encrypted (a password is needed to open it)',
    );
  }
  if (
    name === 'InvalidPDFException' ||
    name === 'FormatError' ||
    name === 'UnknownErrorException' ||
    name === 'MissingPDFException' ||
    name === 'ResponseException'
  ) {
    return new UnusableInputError(
      'input.pdf.corrupt',
      'PDF 文件已损坏，无法读取（可尝试用 PDF 阅读器另存一份）',
      'the PDF is damaged and cannot be read (try saving a copy from a PDF viewer)',
    );
  }
  return e;
}
