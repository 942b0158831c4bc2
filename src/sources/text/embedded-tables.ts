/**
 * Text with tables written as HTML: what PDF-to-Markdown converters produce for tables with merged cells
 * (MinerU writes each table as `<html><body><table>…</table></body></html>` on one line; pandoc writes a
 * `<table>` over several lines). The lines around them are text and keep the text reader's layout rules; the
 * table blocks are read by the HTML reader, so rowspan and colspan survive. Both readers see the whole text
 * with the other's part blanked, so every span and line number is already that of the whole text.
 */
import type { Block } from '../../document/index.ts';
import { htmlBlocks } from '../html/index.ts';

/** Where a table block starts: `<table` (after `<html><body>`, as MinerU wraps it). */
const BLOCK_START = /(?:<html>\s*<body>\s*)?<table[\s>]/gi;
/** Tags that open or close a table, for finding the end of a block with nested tables. */
const TABLE_TAG = /<(\/?)table[\s>]/gi;
/** What may follow the last `</table>` of a block on its line. */
const BLOCK_TAIL = /^(?:\s*<\/body>)?(?:\s*<\/html>)?/i;

export interface TableBlock {
  /** Offsets of the block in the text: from its first tag to the end of its last. */
  start: number;
  end: number;
}

/** Whether the text may hold a table block at all (most text reports have no `<`). */
export function mayHoldTableBlocks(text: string): boolean {
  return text.includes('<') && /<table[\s>]/i.test(text);
}

/** The table blocks of a text, in order. A block left open runs to the end of the text (a file cut short). */
export function findTableBlocks(text: string): TableBlock[] {
  const blocks: TableBlock[] = [];
  BLOCK_START.lastIndex = 0;
  for (let m = BLOCK_START.exec(text); m; m = BLOCK_START.exec(text)) {
    // From just after `<table`: the block's own opening tag is not counted again.
    const end = blockEnd(text, m.index + m[0].length - 1);
    blocks.push({ start: m.index, end });
    BLOCK_START.lastIndex = end;
  }
  return blocks;
}

/** The end of the table opened just before `from`: after the matching `</table>`. */
function blockEnd(text: string, from: number): number {
  let depth = 1;
  TABLE_TAG.lastIndex = from;
  for (let m = TABLE_TAG.exec(text); m; m = TABLE_TAG.exec(text)) {
    depth += m[1] === '/' ? -1 : 1;
    if (depth === 0) {
      const close = text.indexOf('>', m.index);
      const after = close === -1 ? text.length : close + 1;
      return after + BLOCK_TAIL.exec(text.slice(after, after + 64))![0].length;
    }
  }
  return text.length;
}

const SPACES = ' '.repeat(1024);

/**
 * Every character but line breaks turned into a space: offsets and line numbers stay those of the text. The
 * breaks are found with `indexOf` (each search resuming where it stopped), so the cost is per line, not per
 * character.
 */
function blank(text: string): string {
  let out = '';
  let at = 0;
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    const brk = cr < 0 || (lf >= 0 && lf < cr) ? lf : cr;
    out += spaces(brk - at) + text[brk]!;
    at = brk + 1;
    if (brk === lf) lf = text.indexOf('\n', at);
    else cr = text.indexOf('\r', at);
  }
  return out + spaces(text.length - at);
}

function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** The text with its table blocks blanked, for the line reader. */
export function withoutTableBlocks(text: string, blocks: readonly TableBlock[]): string {
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += text.slice(at, b.start) + blank(text.slice(b.start, b.end));
    at = b.end;
  }
  return out + text.slice(at);
}

/** The Document blocks of the table blocks (their tables, and any text inside them), read in one pass. */
export function readTableBlocks(text: string, blocks: readonly TableBlock[]): Block[] {
  let html = '';
  let at = 0;
  for (const b of blocks) {
    html += blank(text.slice(at, b.start)) + text.slice(b.start, b.end);
    at = b.end;
  }
  return htmlBlocks(html + blank(text.slice(at))).blocks;
}
