/**
 * pdf.js, loaded once and configured for reading (not rendering) in Node: the legacy build, its CMaps and
 * standard fonts from node_modules (without them Chinese PDFs whose fonts are not embedded read as
 * nothing), no eval, no worker thread: its worker half runs in this thread, one for every document, joined
 * to the API half by a port that passes messages by reference and drops the fonts sent for rendering.
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

type PdfWorker = InstanceType<PdfJs['PDFWorker']>;

let loading: Promise<{ lib: PdfJs; worker: PdfWorker }> | null = null;

export async function pdfjs(): Promise<PdfJs> {
  return (await loaded()).lib;
}

function loaded(): Promise<{ lib: PdfJs; worker: PdfWorker }> {
  loading ??= load();
  return loading;
}

async function load(): Promise<{ lib: PdfJs; worker: PdfWorker }> {
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const { WorkerMessageHandler } = (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as {
    WorkerMessageHandler: { initializeFromPort(port: DirectPort): void };
  };
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  // pdf.js's two halves, in this thread, joined by a pair of ports that hand messages over as they are
  // (pdf.js's own in-thread port structured-clones every message) — one worker half for all documents.
  const [main, worker] = DirectPort.pair();
  WorkerMessageHandler.initializeFromPort(worker);
  return { lib, worker: lib.PDFWorker.create({ port: main as unknown as Worker, verbosity: 0 }) };
}

type Listener = (event: { data: unknown }) => void;

const delivered = Promise.resolve();

/**
 * One end of an in-thread channel between pdf.js's API and its worker half. Messages are delivered on a
 * later microtask, in order, by reference — except the operator-list chunks, whose arrays pdf.js empties
 * or replaces right after sending them: a stream chunk is copied one level deep (what a structured clone
 * did that matters). Neither side changes what it has sent otherwise; transferred buffers are shared.
 */
class DirectPort {
  #other: DirectPort | null = null;
  #listeners = new Set<Listener>();

  static pair(): [DirectPort, DirectPort] {
    const a = new DirectPort();
    const b = new DirectPort();
    a.#other = b;
    b.#other = a;
    return [a, b];
  }

  postMessage(message: unknown): void {
    const other = this.#other;
    if (!other || isFont(message)) return;
    const event = { data: detached(message) };
    // As pdf.js's own in-thread port does: a later microtask, so an error in a handler is a rejection.
    void delivered.then(() => {
      for (const listener of other.#listeners) listener.call(other, event);
    });
  }

  /** pdf.js removes a document's listener through the `signal` when the document is destroyed. */
  addEventListener(type: string, listener: Listener, options?: { signal?: AbortSignal }): void {
    if (type !== 'message' || options?.signal?.aborted) return;
    this.#listeners.add(listener);
    options?.signal?.addEventListener('abort', () => this.#listeners.delete(listener), { once: true });
  }

  removeEventListener(type: string, listener: Listener): void {
    if (type === 'message') this.#listeners.delete(listener);
  }

  terminate(): void {}
}

/** Fonts and glyph outlines sent for rendering: nothing here renders, so they are not delivered. */
function isFont(message: unknown): boolean {
  const m = message as { action?: unknown; data?: unknown } | null;
  if (m?.action !== 'commonobj' || !Array.isArray(m.data)) return false;
  return m.data[1] === 'Font' || m.data[1] === 'FontPath';
}

function detached(message: unknown): unknown {
  const chunk = (message as { chunk?: unknown } | null)?.chunk;
  if (!chunk || typeof chunk !== 'object') return message;
  const copy: Record<string, unknown> = { ...chunk };
  if (Array.isArray(copy.fnArray)) copy.fnArray = copy.fnArray.slice();
  if (Array.isArray(copy.argsArray)) copy.argsArray = copy.argsArray.slice();
  return { ...(message as object), chunk: copy };
}

/** node_modules/pdfjs-dist, wherever npm put it; pdf.js wants directory paths ending in '/'. */
const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = `${join(PDFJS_ROOT, 'cmaps')}/`;
const STANDARD_FONT_URL = `${join(PDFJS_ROOT, 'standard_fonts')}/`;

export async function openPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const { lib, worker } = await loaded();
  // pdf.js takes ownership of (detaches) the buffer it is given; the caller's bytes are still needed (hashing).
  const data = new Uint8Array(bytes);
  const task = lib.getDocument({
    data,
    worker,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONT_URL,
    isEvalSupported: false,
    // With font faces disabled, pdf.js would compile an outline for every glyph drawn (to paint glyphs as
    // paths); with them enabled, the fonts sent for rendering are dropped by the port (nothing renders).
    disableFontFace: false,
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
