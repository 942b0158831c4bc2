/**
 * Every layout real reports come in, as a map checked for completeness, and `renderReport` which prints a
 * record in one of them and encodes the file.
 */
import type { ReportRecord } from '../../record/index.ts';
import { encodeGb18030 } from '../gb18030.ts';
import { randomHex, type Rng } from '../rng.ts';
import { crawler } from './crawler.ts';
import { html } from './html.ts';
import { markdown } from './markdown.ts';
import { oneCellPerParagraph } from './one-cell-per-paragraph.ts';
import { pipeCells } from './pipe-cells.ts';
import { tabCellLines } from './tab-cell-lines.ts';
import { tabRows } from './tab-rows.ts';
import type { Encoding, Layout, LayoutFamily } from './types.ts';

export type { Encoding, Layout, LayoutFamily } from './types.ts';

export const LAYOUT_NAMES = [
  'one-cell-per-paragraph',
  'tab-cell-lines',
  'tab-rows',
  'pipe-cells',
  'markdown',
  'crawler',
  'html',
] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export const LAYOUTS: Record<LayoutName, Layout> = {
  'one-cell-per-paragraph': oneCellPerParagraph,
  'tab-cell-lines': tabCellLines,
  'tab-rows': tabRows,
  'pipe-cells': pipeCells,
  markdown,
  crawler,
  html,
};

export interface RenderOptions {
  /** Default `utf-8`. */
  encoding?: Encoding;
}

export interface RenderedReport {
  bytes: Uint8Array;
  /** File name with `.txt` or `.html`, like the seeds' `000_1b3f5fa6c3b14b9f.txt`. */
  name: string;
  layout: LayoutName;
  family: LayoutFamily;
  encoding: Encoding;
  /** The file as text (before encoding), for reproductions. */
  text: string;
}

const utf8 = new TextEncoder();

/** Prints `record` in `layout` (details drawn from `rng`) and encodes it as a file would be. */
export function renderReport(
  record: ReportRecord,
  layout: LayoutName,
  rng: Rng,
  options: RenderOptions = {},
): RenderedReport {
  const encoding = options.encoding ?? 'utf-8';
  const def = LAYOUTS[layout];
  let text = def.render(record, { rng, encoding });
  if (def.family === 'text' && rng.chance(0.15)) text = text.replace(/\n/g, '\r\n');
  // Windows editors put a byte-order mark before UTF-8 text.
  const bom = encoding === 'utf-8' && def.family === 'text' && rng.chance(0.1);
  const bytes = encoding === 'gb18030' ? encodeGb18030(text) : utf8.encode(bom ? `\ufeff${text}` : text);
  return {
    bytes,
    name: `${randomHex(rng, 16)}.${def.extension}`,
    layout,
    family: def.family,
    encoding,
    text,
  };
}
