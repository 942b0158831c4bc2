/**
 * The direct text-layer reader (decision 018): our own small PDF parser for the PDFs agencies publish (Word,
 * WPS, LibreOffice), giving the same PageContent as pdf.js (page.ts) — or declining the file (`Decline`,
 * at open or at any page), which index.ts then reads with pdf.js exactly as before.
 */
import { textOnlyPage, type PageContent } from '../geometry.ts';
import { rulesWorthReading } from '../lines.ts';
import type { PageSource } from '../pdfium.ts';
import { textFragments } from '../text-items.ts';
import { viewOf } from '../viewport.ts';
import { ContentInterpreter } from './content.ts';
import type { Font } from './fonts.ts';
import { Decline, Ref, Stream, decline, isDict, nameOf, type Dict, type PdfValue } from './objects.ts';
import { Lexer } from './lexer.ts';
import { PdfFile } from './xref.ts';

export { Decline };

/** Page tree nodes visited before the tree is taken for hostile. */
const MAX_TREE_NODES = 100_000;
const MAX_TREE_DEPTH = 64;
/** pdf.js's default media box when a page has none. */
const LETTER: number[] = [0, 0, 612, 792];
/** A page with fewer characters than this and an image is a scan: left to pdf.js (index.ts's isScanned). */
const SCANNED_PAGE_CHARS = 10;

interface PageEntry {
  dict: Dict;
  /** The page object's number (when the tree refers to it by reference). */
  num: number;
  resources: Dict;
  view: number[];
  rotate: number;
}

export function openDirect(bytes: Uint8Array): PageSource {
  const file = new PdfFile(bytes);
  const root = file.dict(file.trailer.get('Root'));
  if (!root) return decline('no catalog');
  const pages = pageTree(file, root);
  checkLinearization(file, pages);
  const fonts = new Map<PdfValue, Font>();
  return {
    numPages: pages.length,
    readPage: async (number, afterTable) =>
      readDirectPage(file, pages[number - 1]!, number, afterTable, fonts),
    destroy: async () => undefined,
  };
}

/** The page tree, leaves in order, with inherited resources, boxes and rotation resolved as pdf.js does. */
function pageTree(file: PdfFile, root: Dict): PageEntry[] {
  const top = file.dict(root.get('Pages'));
  if (!top) return decline('no page tree');
  const out: PageEntry[] = [];
  const visited = new Set<Dict>();
  const walk = (node: Dict, chain: Dict[], depth: number, num: number): void => {
    if (depth > MAX_TREE_DEPTH || visited.size > MAX_TREE_NODES) decline('page tree too deep or too large');
    if (visited.has(node)) decline('page tree cycle');
    visited.add(node);
    const type = file.resolve(node.get('Type'));
    const kids = file.resolve(node.get('Kids'));
    const isPage = !Array.isArray(kids);
    if (type !== undefined && nameOf(type) !== (isPage ? 'Page' : 'Pages')) decline('page tree node type');
    const lineage = [node, ...chain];
    // pdf.js inherits along /Parent: it must be the node the page tree reached this one from.
    const parent = file.resolve(node.get('Parent'));
    if ((chain[0] ?? undefined) !== (parent ?? undefined)) decline('/Parent does not match the page tree');
    if (!isPage) {
      const before = out.length;
      for (const kid of kids as PdfValue[]) {
        const dict = file.dict(kid);
        if (!dict) decline('page tree kid is not a dictionary');
        walk(dict, lineage, depth + 1, kid instanceof Ref ? kid.num : -1);
      }
      // pdf.js finds a page by the /Count of each subtree: they must all be right.
      if (file.resolve(node.get('Count')) !== out.length - before)
        decline('a /Count differs from its subtree');
      return;
    }
    out.push(pageEntry(file, lineage, num));
  };
  walk(top, [], 0, -1);
  return out;
}

/**
 * pdf.js's inherited page attributes: the nearest value — except dictionaries found at several levels
 * (Resources), merged key by key, the nearest level's entry winning (Dict.merge).
 */
function inherited(file: PdfFile, lineage: Dict[], key: string): PdfValue | undefined {
  const values: PdfValue[] = [];
  for (const node of lineage) {
    const v = file.resolve(node.get(key));
    if (v !== undefined) values.push(v);
  }
  if (values.length === 0) return undefined;
  if (values.length === 1 || !isDict(values[0])) return values[0];
  const merged: Dict = new Map();
  for (const v of values) {
    if (!isDict(v)) continue;
    for (const [k, value] of v) if (!merged.has(k)) merged.set(k, value);
  }
  return merged;
}

function box(file: PdfFile, lineage: Dict[], key: string): number[] | null {
  const v = inherited(file, lineage, key);
  if (v === undefined) return null;
  if (!Array.isArray(v) || v.length !== 4) return decline(`${key} is not a rectangle`);
  const n = v.map((x) => file.resolve(x));
  if (n.some((x) => typeof x !== 'number')) return decline(`${key} is not a rectangle`);
  const [a, b, c, d] = n as [number, number, number, number];
  const r = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  // pdf.js ignores an empty box (and warns): too odd to follow.
  if (!(r[2]! - r[0]! > 0 && r[3]! - r[1]! > 0)) return decline(`${key} is empty`);
  return r;
}

function pageEntry(file: PdfFile, lineage: Dict[], num: number): PageEntry {
  const dict = lineage[0]!;
  const resources = inherited(file, lineage, 'Resources');
  const media = box(file, lineage, 'MediaBox') ?? LETTER;
  const crop = box(file, lineage, 'CropBox') ?? media;
  let view = media;
  if (crop.some((v, i) => v !== media[i])) {
    const x0 = Math.max(Math.min(crop[0]!, crop[2]!), Math.min(media[0]!, media[2]!));
    const x1 = Math.min(Math.max(crop[0]!, crop[2]!), Math.max(media[0]!, media[2]!));
    const y0 = Math.max(Math.min(crop[1]!, crop[3]!), Math.min(media[1]!, media[3]!));
    const y1 = Math.min(Math.max(crop[1]!, crop[3]!), Math.max(media[1]!, media[3]!));
    if (!(x1 - x0 > 0 && y1 - y0 > 0)) decline('crop box outside the media box');
    view = [x0, y0, x1, y1];
  }
  const rotateValue = inherited(file, lineage, 'Rotate') ?? 0;
  if (typeof rotateValue !== 'number' || !Number.isInteger(rotateValue)) return decline('odd /Rotate');
  if (rotateValue % 90 !== 0) decline('rotation not a multiple of 90');
  const rotate = ((rotateValue % 360) + 360) % 360;
  const userUnit = file.resolve(dict.get('UserUnit'));
  if (userUnit !== undefined && userUnit !== 1) decline('UserUnit');
  return { dict, num, resources: isDict(resources) ? resources : new Map(), view, rotate };
}

/**
 * A linearized file: pdf.js takes its page count from the linearization dictionary (/N) and its first page
 * from /O when the dictionary is valid; both must be what the page tree says, or the file is pdf.js's.
 */
function checkLinearization(file: PdfFile, pages: PageEntry[]): void {
  const lexer = new Lexer(file.data, 0);
  lexer.skipSpace();
  let first: PdfValue;
  try {
    if (typeof lexer.token() !== 'number' || typeof lexer.token() !== 'number') return;
    lexer.token();
    first = lexer.object(true);
  } catch {
    return;
  }
  if (!isDict(first) || !first.has('Linearized')) return;
  const n = first.get('N');
  const o = first.get('O');
  if (n !== pages.length || o !== pages[0]?.num)
    decline('linearization dictionary differs from the page tree');
}

/** The page's content streams, decoded and joined (pdf.js joins them without a separator). */
function contentOf(file: PdfFile, page: Dict): Uint8Array {
  const contents = file.resolve(page.get('Contents'));
  if (contents === undefined || contents === null) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  const list = Array.isArray(contents) ? contents : [contents];
  for (const part of list) {
    const stream = part instanceof Ref ? file.resolve(part) : part;
    if (!(stream instanceof Stream)) decline('content is not a stream');
    parts.push(file.decode(stream));
  }
  if (parts.length === 1) return parts[0]!;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function readDirectPage(
  file: PdfFile,
  page: PageEntry,
  number: number,
  afterTable: boolean,
  fonts: Map<PdfValue, Font>,
): PageContent {
  // pdf.js's viewBox (for the text layer's clipping test) and viewport.
  const view = viewOf(page.view, page.rotate);
  const interpreter = new ContentInterpreter(file, fonts, page.view, view.toView);
  interpreter.page(contentOf(file, page.dict), page.resources);
  const { items, rules, unknownColourRule, unusualImages } = interpreter.run;
  const content = textOnlyPage(number, view, textFragments(items, view.toView));
  const { fragments } = content;
  if (rules.images > 0) {
    let chars = 0;
    for (const f of fragments) chars += f.text.replace(/\s/g, '').length;
    if (chars < SCANNED_PAGE_CHARS) decline('a scanned page');
  }
  // page.ts reads pdf.js's operator list on these pages only: what it finds there must be what we found.
  if (rulesWorthReading(fragments, afterTable)) {
    if (unknownColourRule) decline('a rule painted in a colour space not modelled');
    if (unusualImages) decline('image masks or repeated images');
    content.horizontal = rules.horizontal;
    content.vertical = rules.vertical;
    content.images = rules.images;
  }
  return content;
}
