/**
 * A second PDF engine for the probe of decision 017: PDFium compiled to WebAssembly (@embedpdf/pdfium),
 * chosen with XXGK_PDF_ENGINE=pdfium. It builds the same PageContent as page.ts does with pdf.js, so the
 * layout after it is shared:
 * - text fragments: PDFium's characters grouped into runs the way pdf.js makes text items (same baseline,
 *   same size, adjacent; a gap of 0.1–0.6 em is a space inside the run, a wider one starts a new run);
 * - ruling lines and images: from the page objects (paths through their matrices, into form XObjects),
 *   read under the same conditions as page.ts reads pdf.js's operator list.
 * The .wasm is read from node_modules: nothing is fetched.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UnusableInputError } from '../../diagnostics/index.ts';
import { apply, multiply, textOnlyPage, type Fragment, type Matrix, type PageContent } from './geometry.ts';
import { rulesWorthReading } from './lines.ts';
import { addSubpathRules, type Rules, type Subpath } from './rules.ts';
import { NEGATIVE, SPACE_MAX, SPACE_MIN, TILT } from './text-items.ts';
import { viewOf, type View } from './viewport.ts';

/** The PDFium functions used here, called on the module's exports directly (no cwrap marshalling). */
interface Exports {
  malloc(size: number): number;
  free(pointer: number): void;
  PDFiumExt_Init(): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(document: number): number;
  FPDF_CloseDocument(document: number): void;
  FPDF_LoadPage(document: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPageObj_GetType(object: number): number;
  FPDFPageObj_GetMatrix(object: number, matrix: number): number;
  FPDFPageObj_GetFillColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPageObj_GetStrokeColor(object: number, r: number, g: number, b: number, a: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFPath_CountSegments(path: number): number;
  FPDFPath_GetPathSegment(path: number, index: number): number;
  FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  FPDFPathSegment_GetType(segment: number): number;
  FPDFPathSegment_GetClose(segment: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(text: number): void;
  FPDFText_CountChars(text: number): number;
  FPDFText_GetText(text: number, start: number, count: number, buffer: number): number;
  FPDFText_GetUnicode(text: number, index: number): number;
  FPDFText_IsGenerated(text: number, index: number): number;
  FPDFText_GetTextObject(text: number, index: number): number;
  FPDFTextObj_GetFont(object: number): number;
  FPDFText_GetMatrix(text: number, index: number, matrix: number): number;
  FPDFText_GetFontSize(text: number, index: number): number;
  FPDFText_GetCharOrigin(text: number, index: number, x: number, y: number): number;
  FPDFText_GetLooseCharBox(text: number, index: number, rect: number): number;
}

/** The Emscripten module: its exports and its memory (views replaced when the memory grows). */
interface Module {
  wasmExports: Exports;
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
  HEAPF32: Float32Array;
  HEAPF64: Float64Array;
}

interface Engine {
  module: Module;
  x: Exports;
  /** 64 bytes of scratch memory for the out-parameters of one call. */
  scratch: number;
}

let loading: Promise<Engine> | null = null;

function engine(): Promise<Engine> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Engine> {
  const { init } = (await import('@embedpdf/pdfium')) as unknown as {
    init(options: { wasmBinary: ArrayBuffer }): Promise<{ pdfium: Module }>;
  };
  const path = createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
  const bytes = readFileSync(path);
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const module = (await init({ wasmBinary })).pdfium;
  const x = module.wasmExports;
  x.PDFiumExt_Init();
  return { module, x, scratch: x.malloc(64) };
}

/** FPDF_GetLastError codes. */
const ERR_PASSWORD = 4;
const ERR_SECURITY = 5;

/** FPDF_PAGEOBJ_* and FPDF_SEGMENT_* codes. */
const OBJECT = { text: 1, path: 2, image: 3, form: 5 } as const;
const SEGMENT = { lineTo: 0, bezierTo: 1, moveTo: 2 } as const;

/** An open document: pages read one by one, then closed (its memory is PDFium's, not the GC's). */
export interface PageSource {
  numPages: number;
  readPage(number: number, afterTable: boolean): Promise<PageContent>;
  destroy(): Promise<void>;
}

export async function openPdfium(bytes: Uint8Array): Promise<PageSource> {
  const engineLoading = engine();
  const e = await engineLoading;
  const { x } = e;
  // PDFium reads the file from this memory for as long as the document is open.
  const data = x.malloc(Math.max(1, bytes.length));
  if (!data) throw new Error('PDFium: out of WebAssembly memory');
  e.module.HEAPU8.set(bytes, data);
  const document = trapped(() => x.FPDF_LoadMemDocument(data, bytes.length, 0));
  if (!document) {
    const error = x.FPDF_GetLastError();
    x.free(data);
    throw openingRefusal(error);
  }
  let closed = false;
  return {
    numPages: x.FPDF_GetPageCount(document),
    readPage: async (number, afterTable) => trapped(() => readPdfiumPage(e, document, number, afterTable)),
    destroy: async () => {
      // After a trap the instance is gone with the document in it.
      if (closed || loading !== engineLoading) return;
      closed = true;
      x.FPDF_CloseDocument(document);
      x.free(data);
    },
  };
}

/**
 * A WebAssembly trap (an abort in PDFium, memory exhausted) leaves the instance unusable: the next document
 * gets a new one, and this file is refused as damaged.
 */
function trapped<T>(call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    loading = null;
    throw openingRefusal(0);
  }
}

function openingRefusal(error: number): UnusableInputError {
  if (error === ERR_PASSWORD || error === ERR_SECURITY) {
    return new UnusableInputError(
      'input.pdf.encrypted',
      'PDF 文件已加密（需要密码才能打开），无法读取',
      'the PDF is encrypted (a password is needed to open it)',
    );
  }
  return new UnusableInputError(
    'input.pdf.corrupt',
    'PDF 文件已损坏，无法读取（可尝试用 PDF 阅读器另存一份）',
    'the PDF is damaged and cannot be read (try saving a copy from a PDF viewer)',
  );
}

function readPdfiumPage(e: Engine, document: number, number: number, afterTable: boolean): PageContent {
  const { x } = e;
  const page = x.FPDF_LoadPage(document, number - 1);
  if (!page) throw openingRefusal(x.FPDF_GetLastError());
  try {
    const view = viewOfPage(e, page);
    const content = textOnlyPage(number, view, textFragments(e, page, view.toView));
    const { fragments } = content;
    // The same pages as page.ts reads the operator list for, so that both engines give the same content.
    if (rulesWorthReading(fragments, afterTable)) {
      Object.assign(content, pageRules(e, page, view.toView));
    }
    return content;
  } finally {
    x.FPDF_ClosePage(page);
  }
}

/** The page's visual frame as pdf.js's viewport at scale 1 makes it (viewport.ts). */
function viewOfPage(e: Engine, page: number): View {
  const { x, scratch } = e;
  x.FPDF_GetPageBoundingBox(page, scratch);
  const f = e.module.HEAPF32;
  const [left, top, right, bottom] = [
    f[scratch / 4]!,
    f[scratch / 4 + 1]!,
    f[scratch / 4 + 2]!,
    f[scratch / 4 + 3]!,
  ];
  const box = [Math.min(left, right), Math.min(top, bottom), Math.max(left, right), Math.max(top, bottom)];
  return viewOf(box, (((x.FPDFPage_GetRotation(page) % 4) + 4) % 4) * 90);
}

/** The text object a character belongs to, as the view sees it. */
interface Run {
  object: number;
  /** PDFium's font handle: pdf.js starts a new item where the font changes. */
  font: number;
  toView: Matrix;
  upright: boolean;
  size: number;
}

function textFragments(e: Engine, page: number, toView: Matrix): { fragments: Fragment[]; rotated: number } {
  const { x, scratch, module } = e;
  const text = x.FPDFText_LoadPage(page);
  const fragments: Fragment[] = [];
  let rotated = 0;
  if (!text) return { fragments, rotated };
  try {
    const chars = charactersOf(e, text);
    let run: Run | null = null;
    let current: Fragment | null = null;
    let currentFont = 0;
    let rotatedObject = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      // PDFium's own spaces and line ends (not in the file): positions decide, as in pdf.js.
      if ((ch === ' ' || ch === '\r' || ch === '\n') && x.FPDFText_IsGenerated(text, i) === 1) continue;
      const object = x.FPDFText_GetTextObject(text, i);
      if (!run || run.object !== object) run = runOf(e, text, i, object, toView);
      if (!run.upright) {
        if (object !== rotatedObject && ch.trim() !== '') rotated++;
        rotatedObject = object;
        current = null;
        continue;
      }
      x.FPDFText_GetCharOrigin(text, i, scratch, scratch + 8);
      const f64 = module.HEAPF64;
      const [, baseline] = apply(toView, f64[scratch / 8]!, f64[scratch / 8 + 1]!);
      x.FPDFText_GetLooseCharBox(text, i, scratch + 16);
      const [x0, x1] = horizontalExtent(module.HEAPF32, (scratch + 16) / 4, toView);
      if (current && currentFont === run.font && continues(current, ch, x0, x1, baseline, run.size)) continue;
      current = { text: ch, x0, x1, baseline, size: run.size };
      currentFont = run.font;
      fragments.push(current);
    }
  } finally {
    x.FPDFText_ClosePage(text);
  }
  return { fragments: fragments.filter((f) => f.text.trim() !== ''), rotated };
}

/** The page's characters, one string per PDFium character index. */
function charactersOf(e: Engine, text: number): string[] {
  const { x, module } = e;
  const count = x.FPDFText_CountChars(text);
  if (count <= 0) return [];
  const buffer = x.malloc((count + 1) * 2);
  try {
    x.FPDFText_GetText(text, 0, count, buffer);
    const units = module.HEAPU16.subarray(buffer / 2, buffer / 2 + count);
    const chars: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const unit = units[i]!;
      // Outside the BMP one character is two UTF-16 units and the text no longer lines up: ask per character.
      if (unit >= 0xd800 && unit <= 0xdfff) return charactersOneByOne(x, text, count);
      chars[i] = String.fromCharCode(unit);
    }
    return chars;
  } finally {
    x.free(buffer);
  }
}

function charactersOneByOne(x: Exports, text: number, count: number): string[] {
  const chars: string[] = [];
  for (let i = 0; i < count; i++) chars.push(String.fromCodePoint(x.FPDFText_GetUnicode(text, i) || 0xfffd));
  return chars;
}

/** A text object's matrix (CTM × text matrix) in view space, whether it is upright, and its em size there. */
function runOf(e: Engine, text: number, index: number, object: number, toView: Matrix): Run {
  const { x, scratch } = e;
  x.FPDFText_GetMatrix(text, index, scratch);
  const f = e.module.HEAPF32;
  const base = scratch / 4;
  const matrix: Matrix = [f[base]!, f[base + 1]!, f[base + 2]!, f[base + 3]!, f[base + 4]!, f[base + 5]!];
  const [a, b, c, d] = multiply(toView, matrix);
  const scaleX = Math.hypot(a, b);
  // Horizontal, upright text only: in view space the baseline runs along +x and the em upwards (-y).
  const upright = !(scaleX === 0 || Math.abs(b) > TILT * scaleX || a <= 0 || d >= 0);
  const size = x.FPDFText_GetFontSize(text, index) * Math.hypot(c, d);
  return { object, font: x.FPDFTextObj_GetFont(object), toView, upright, size };
}

/** Left and right of a character's loose box (origin to advance, in page space) in view space. */
function horizontalExtent(f32: Float32Array, base: number, toView: Matrix): [number, number] {
  const [left, top, right, bottom] = [f32[base]!, f32[base + 1]!, f32[base + 2]!, f32[base + 3]!];
  const [ax] = apply(toView, left, top);
  const [bx] = apply(toView, right, bottom);
  const [cx] = apply(toView, left, bottom);
  const [dx] = apply(toView, right, top);
  return [Math.min(ax, bx, cx, dx), Math.max(ax, bx, cx, dx)];
}

/**
 * Adds a character to the fragment when it continues it as pdf.js continues a text item (same baseline and
 * size, the gap small), with a space for a gap of 0.1–0.6 em. False: the character starts a new fragment.
 */
function continues(
  fragment: Fragment,
  ch: string,
  x0: number,
  x1: number,
  baseline: number,
  size: number,
): boolean {
  if (Math.abs(fragment.size - size) > 0.01 * size) return false;
  if (Math.abs(fragment.baseline - baseline) > 0.25 * size) return false;
  const gap = (x0 - fragment.x1) / size;
  if (gap < NEGATIVE || gap > SPACE_MAX) return false;
  if (gap >= SPACE_MIN && !fragment.text.endsWith(' ') && ch !== ' ') fragment.text += ' ';
  fragment.text += ch;
  fragment.x1 = Math.max(fragment.x1, x1);
  return true;
}

/** Ruling lines and images from the page objects, into form XObjects, as rules.ts finds them in pdf.js's. */
function pageRules(e: Engine, page: number, toView: Matrix): Rules {
  const rules: Rules = { horizontal: [], vertical: [], images: 0 };
  const { x } = e;
  const count = x.FPDFPage_CountObjects(page);
  for (let i = 0; i < count; i++) visitObject(e, x.FPDFPage_GetObject(page, i), toView, rules);
  return rules;
}

function visitObject(e: Engine, object: number, outer: Matrix, rules: Rules): void {
  const { x } = e;
  const type = x.FPDFPageObj_GetType(object);
  if (type === OBJECT.image) {
    rules.images++;
  } else if (type === OBJECT.path) {
    pathRules(e, object, multiply(outer, objectMatrix(e, object)), rules);
  } else if (type === OBJECT.form) {
    const inner = multiply(outer, objectMatrix(e, object));
    const count = x.FPDFFormObj_CountObjects(object);
    for (let i = 0; i < count; i++) visitObject(e, x.FPDFFormObj_GetObject(object, i), inner, rules);
  }
}

function objectMatrix(e: Engine, object: number): Matrix {
  const { x, scratch } = e;
  if (!x.FPDFPageObj_GetMatrix(object, scratch)) return [1, 0, 0, 1, 0, 0];
  const f = e.module.HEAPF32;
  const base = scratch / 4;
  return [f[base]!, f[base + 1]!, f[base + 2]!, f[base + 3]!, f[base + 4]!, f[base + 5]!];
}

function pathRules(e: Engine, path: number, toPage: Matrix, rules: Rules): void {
  const { x, scratch } = e;
  x.FPDFPath_GetDrawMode(path, scratch, scratch + 4);
  const u32 = e.module.HEAPU32;
  const fillMode = u32[scratch / 4]!;
  const stroked = u32[scratch / 4 + 1]! !== 0;
  const fills = fillMode !== 0 && !isWhite(e, path, 'fill');
  const strokes = stroked && !isWhite(e, path, 'stroke');
  if (!fills && !strokes) return;
  for (const sub of subpathsOf(e, path)) {
    const points = sub.points.map(([px, py]) => apply(toPage, px, py));
    addSubpathRules(points, sub, { fills, strokes }, rules);
  }
}

function isWhite(e: Engine, object: number, which: 'fill' | 'stroke'): boolean {
  const { x, scratch } = e;
  const s = scratch + 16;
  const ok =
    which === 'fill'
      ? x.FPDFPageObj_GetFillColor(object, s, s + 4, s + 8, s + 12)
      : x.FPDFPageObj_GetStrokeColor(object, s, s + 4, s + 8, s + 12);
  if (!ok) return false;
  const u32 = e.module.HEAPU32;
  return u32[s / 4]! > 240 && u32[s / 4 + 1]! > 240 && u32[s / 4 + 2]! > 240;
}

/** A path's subpaths in its own space; a Bézier curve keeps only its end point, as pdf.js's data does. */
function subpathsOf(e: Engine, path: number): Subpath[] {
  const { x, scratch } = e;
  const out: Subpath[] = [];
  let current: Subpath | null = null;
  let bezierPoint = 0;
  const count = x.FPDFPath_CountSegments(path);
  for (let i = 0; i < count; i++) {
    const segment = x.FPDFPath_GetPathSegment(path, i);
    if (!segment) continue;
    x.FPDFPathSegment_GetPoint(segment, scratch, scratch + 4);
    const f = e.module.HEAPF32;
    const point: [number, number] = [f[scratch / 4]!, f[scratch / 4 + 1]!];
    const type = x.FPDFPathSegment_GetType(segment);
    if (type === SEGMENT.moveTo || !current) {
      current = { points: [point], closed: false, curved: false };
      out.push(current);
      bezierPoint = 0;
    } else if (type === SEGMENT.bezierTo) {
      current.curved = true;
      // Three points a curve: two control points, then the end point.
      bezierPoint = (bezierPoint + 1) % 3;
      if (bezierPoint === 0) current.points.push(point);
    } else {
      current.points.push(point);
    }
    if (x.FPDFPathSegment_GetClose(segment)) current.closed = true;
  }
  return out;
}
