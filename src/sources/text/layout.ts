/**
 * Reader for plain text reports in every layout real exports produce: one cell per line with a leading tab,
 * tab-separated rows, markdown tables, cells separated by lines holding `|`, one cell per paragraph, and
 * crawler text where cells run together. The reader only rebuilds paragraphs and table cells (empties kept
 * in place); it knows nothing of the official tables — recognition finds labels and numbers.
 */
import {
  cell,
  paragraph,
  type Block,
  type Document,
  type TableCell,
  type TableRow,
} from '../../document/index.ts';
import {
  BLANK,
  isCellBar,
  MD_ROW,
  releaseLines,
  PIPE,
  RULE,
  scanLines,
  TAB_CELL,
  TAB_ROW,
  TEXT,
  trimmedEnd,
  trimmedStart,
  type BlankRange,
  type LineKind,
  type Lines,
} from './lines.ts';

/** A label cell broken by a blank line (「（三）不予」, blank, 「公开」) continues when its tail is this short. */
const CONTINUATION_MAX = 8;

/** `blanks`: ranges of `text` known to hold only spaces and breaks (see `scanLines`). */
export function textToDocument(text: string, blanks: readonly BlankRange[] = []): Document {
  const lines = scanLines(text, blanks);
  const kinds = lines.kinds;
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.count) {
    const kind = kinds[i]!;
    if (kind === BLANK || kind === RULE || kind === PIPE) {
      i++;
    } else if (kind === TAB_CELL) {
      i = readTabCellTable(lines, i, blocks);
    } else if (kind === TAB_ROW) {
      i = readRowTable(lines, i, blocks, TAB_ROW, splitTabRow);
    } else if (kind === MD_ROW) {
      i = readRowTable(lines, i, blocks, MD_ROW, splitMarkdownRow);
    } else if (i + 1 < lines.count && kinds[i + 1] === PIPE) {
      i = readPipeCells(lines, i, blocks);
    } else {
      blocks.push(paragraphOf(lines, i));
      i++;
    }
  }
  releaseLines();
  return { blocks, text };
}

function nextNonBlankKind(lines: Lines, from: number): LineKind | undefined {
  for (let j = from; j < lines.count; j++) if (lines.kinds[j] !== BLANK) return lines.kinds[j];
  return undefined;
}

function isBlankRange(text: string, from: number, to: number): boolean {
  return trimmedStart(text, from, to) === to;
}

/** The cell of `text[from, to)` on line `i`, trimmed, its span in document offsets. */
function cellOf(lines: Lines, i: number, from: number, to: number): TableCell {
  const text = lines.text;
  const start = trimmedStart(text, from, to);
  const end = trimmedEnd(text, start, to);
  return cell(text.slice(start, end), { start, end, line: i + 1 });
}

function paragraphOf(lines: Lines, i: number): Block {
  const start = lines.visible[i]!;
  const end = trimmedEnd(lines.text, start, lines.ends[i]!);
  return paragraph(lines.text.slice(start, end), { start, end, line: i + 1 });
}

/** An empty cell at the start of line `i` (a separator with nothing before it). */
function emptyCellAt(lines: Lines, i: number): TableCell {
  const start = lines.starts[i]!;
  return cell('', { start, end: start, line: i + 1 });
}

function appendToCell(target: TableCell, lines: Lines, i: number): void {
  const from = lines.visible[i]!;
  const lineEnd = lines.ends[i]!;
  if (from === lineEnd) return;
  const to = trimmedEnd(lines.text, from, lineEnd);
  const text = lines.text.slice(from, to);
  target.text = target.text === '' ? text : `${target.text}\n${text}`;
  // Every cell's span is its own object (cellOf), so it can be extended in place.
  target.span.end = to;
}

function pushTable(blocks: Block[], rows: TableRow[]): void {
  const nonEmpty = rows.filter((r) => r.cells.length > 0);
  if (nonEmpty.length === 0) return;
  const first = nonEmpty[0]!.cells[0]!.span;
  const lastRow = nonEmpty[nonEmpty.length - 1]!;
  const last = lastRow.cells[lastRow.cells.length - 1]!.span;
  blocks.push({
    kind: 'table',
    rows: nonEmpty,
    span: { start: first.start, end: last.end, line: first.line },
  });
}

/** Punctuation that marks a line as prose rather than the tail of a broken label. */
const PROSE_PUNCTUATION = /[。；;：:，,]/;

/**
 * Word's text export: every cell on a line starting with a tab, a blank line after each row, lines without a
 * tab continuing the cell above (「本年新」「制作数量」).
 */
function readTabCellTable(lines: Lines, from: number, blocks: Block[]): number {
  const { kinds, starts, ends } = lines;
  const rows: TableRow[] = [];
  let current: TableCell[] = [];
  let i = from;
  let afterBlank = false;
  while (i < lines.count) {
    const kind = kinds[i]!;
    if (kind === TAB_CELL) {
      // The cell is the line after its leading tab: it starts at the line's first visible character.
      current.push(cellOf(lines, i, lines.visible[i]!, ends[i]!));
      afterBlank = false;
      i++;
    } else if (kind === BLANK) {
      if (current.length > 0) rows.push({ cells: current });
      current = [];
      afterBlank = true;
      i++;
    } else if (kind === TEXT && !afterBlank && current.length > 0) {
      appendToCell(current[current.length - 1]!, lines, i);
      i++;
    } else if (
      kind === TEXT &&
      afterBlank &&
      rows.length > 0 &&
      trimmedEnd(lines.text, lines.visible[i]!, ends[i]!) - lines.visible[i]! <= CONTINUATION_MAX &&
      !PROSE_PUNCTUATION.test(lines.text.slice(starts[i]!, ends[i]!)) &&
      nextNonBlankKind(lines, i + 1) === TAB_CELL
    ) {
      // A label cell broken by an empty paragraph: reopen the row it belongs to.
      current = rows.pop()!.cells;
      appendToCell(current[current.length - 1]!, lines, i);
      afterBlank = false;
      i++;
    } else {
      break;
    }
  }
  if (current.length > 0) rows.push({ cells: current });
  pushTable(blocks, rows);
  return i;
}

type RowSplitter = (lines: Lines, i: number) => TableCell[];

/**
 * A trailing tab may close the row or hold an empty last cell: it is kept as a cell, and recognition drops
 * blanks a row has beyond its columns.
 */
const splitTabRow: RowSplitter = (lines, i) => {
  const text = lines.text;
  const end = lines.ends[i]!;
  const cells: TableCell[] = [];
  let from = lines.starts[i]!;
  for (let tab = text.indexOf('\t', from); tab >= 0 && tab < end; tab = text.indexOf('\t', from)) {
    cells.push(cellOf(lines, i, from, tab));
    from = tab + 1;
  }
  cells.push(cellOf(lines, i, from, end));
  return cells;
};

/** Markdown cells written from PDFs break lines with `<br>`. */
const BR = /<br\s*\/?>/gi;

/** Cells between `|` or `｜` not escaped by a backslash; empty cells before the first and after the last bar go. */
const splitMarkdownRow: RowSplitter = (lines, i) => {
  const text = lines.text;
  const bars = markdownBars(text, lines.starts[i]!, lines.ends[i]!);
  let first = 0;
  let last = bars.length - 2;
  if (first <= last && isBlankRange(text, bars[first]! + 1, bars[first + 1]!)) first++;
  if (first <= last && isBlankRange(text, bars[last]! + 1, bars[last + 1]!)) last--;
  const cells: TableCell[] = [];
  for (let k = first; k <= last; k++) {
    const c = cellOf(lines, i, bars[k]! + 1, bars[k + 1]!);
    if (c.text.includes('<')) c.text = c.text.replace(BR, '\n');
    cells.push(c);
  }
  return cells;
};

const BACKSLASH = 0x5c;

/** Positions of the cell separators in `text[start, end)`, framed by `start - 1` and `end`. */
function markdownBars(text: string, start: number, end: number): number[] {
  const bars = [start - 1];
  for (let i = start; i < end; i++) {
    // The line's first character has no backslash before it (the line break before it is not one).
    if (isCellBar(text.charCodeAt(i)) && (i === start || text.charCodeAt(i - 1) !== BACKSLASH)) bars.push(i);
  }
  bars.push(end);
  return bars;
}

function readRowTable(
  lines: Lines,
  from: number,
  blocks: Block[],
  rowKind: LineKind,
  split: RowSplitter,
): number {
  const kinds = lines.kinds;
  const rows: TableRow[] = [];
  let i = from;
  while (i < lines.count) {
    const kind = kinds[i]!;
    if (kind === rowKind || (rowKind === TAB_ROW && kind === TAB_CELL)) {
      rows.push({ cells: split(lines, i) });
      i++;
    } else if (kind === RULE) {
      i++;
    } else {
      break;
    }
  }
  pushTable(blocks, rows);
  return i;
}

/**
 * One cell per line (or several lines), cells separated by lines holding only `|`; two separators in a row
 * are an empty cell. Rows are not marked, so the cells form one long row.
 */
function readPipeCells(lines: Lines, from: number, blocks: Block[]): number {
  const kinds = lines.kinds;
  const cells: TableCell[] = [];
  let pending: TableCell | null = null;
  let i = from;
  let lastPipe = from;
  while (i < lines.count) {
    const kind = kinds[i]!;
    if (kind === PIPE) {
      cells.push(pending ?? emptyCellAt(lines, i));
      pending = null;
      lastPipe = i;
      i++;
      continue;
    }
    if (kind === BLANK) {
      i++;
      continue;
    }
    // Text after the last separator belongs to the table only if another separator follows it.
    if (nextPipeBeforeBreak(lines, i) < 0) break;
    if (pending) appendToCell(pending, lines, i);
    else pending = cellOf(lines, i, lines.starts[i]!, lines.ends[i]!);
    i++;
  }
  pushTable(blocks, [{ cells }]);
  return lastPipe + 1;
}

/** Index of the next `|` line reached through text lines only (at most 12, a cell's longest wrap), or -1. */
function nextPipeBeforeBreak(lines: Lines, from: number): number {
  for (let j = from; j < lines.count && j < from + 12; j++) {
    const k = lines.kinds[j]!;
    if (k === PIPE) return j;
    if (k !== TEXT && k !== BLANK) return -1;
  }
  return -1;
}
