/**
 * Text with tables written as HTML: what PDF-to-Markdown converters produce for tables with merged cells
 * (MinerU writes each table as `<html><body><table>…</table></body></html>` on one line; pandoc writes a
 * `<table>` over several lines). The lines around them are text and keep the text reader's layout rules; each
 * table block is read by the HTML reader, so rowspan and colspan survive, and its blocks are put back in place
 * with their spans pointing into the whole text.
 */
import { UnusableInputError } from '../../diagnostics/index.ts';
import type { Block, SourceSpan } from '../../document/index.ts';
import { readHtml } from '../html/index.ts';

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

/** The end of the table opened at `from` (just inside its `<table`): after the matching `</table>`. */
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

/**
 * The text with every table block blanked (each character but line breaks turned into a space): the line
 * reader then sees blank lines there, and every offset and line number stays that of the original text.
 */
export function blankTableBlocks(text: string, blocks: readonly TableBlock[]): string {
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += text.slice(at, b.start) + text.slice(b.start, b.end).replace(/[^\r\n]/g, ' ');
    at = b.end;
  }
  return out + text.slice(at);
}

/**
 * A table block's Document blocks (its tables, and any text beside them), spans moved into the whole text.
 * A block with nothing readable yields nothing.
 */
export function readTableBlock(text: string, block: TableBlock, lines: LineCounter): Block[] {
  const source = text.slice(block.start, block.end);
  let blocks: Block[];
  try {
    blocks = readHtml(Buffer.from(source, 'utf8'), 'table.html').document.blocks;
  } catch (e) {
    if (e instanceof UnusableInputError) return [];
    throw e;
  }
  const lineOffset = lines.at(block.start) - 1;
  const move = (span: SourceSpan): SourceSpan => ({
    ...span,
    start: span.start + block.start,
    end: span.end + block.start,
    ...(span.line === undefined ? {} : { line: span.line + lineOffset }),
  });
  return blocks.map((b) =>
    b.kind === 'paragraph'
      ? { ...b, span: move(b.span) }
      : {
          ...b,
          span: move(b.span),
          rows: b.rows.map((row) => ({ cells: row.cells.map((c) => ({ ...c, span: move(c.span) })) })),
        },
  );
}

/**
 * 1-based lines of offsets asked in increasing order: the text is counted once, however many blocks it holds
 * (a hostile file may hold a hundred thousand).
 */
export class LineCounter {
  private offset = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  at(offset: number): number {
    for (
      let i = this.text.indexOf('\n', this.offset);
      i !== -1 && i < offset;
      i = this.text.indexOf('\n', i + 1)
    ) {
      this.line++;
      this.offset = i + 1;
    }
    return this.line;
  }
}
