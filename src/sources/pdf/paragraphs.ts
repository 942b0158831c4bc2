/**
 * Running text of a page, in reading order: lines outside tables become paragraphs, and a page set in two
 * columns is read column by column (left, then right) between the lines and tables that span both.
 *
 * A new paragraph starts where a printed page shows one: a first-line indent, a wider gap than the lines'
 * usual spacing, a change of font size, or after a line that stops well short of the right margin.
 */
import type { Fragment } from './geometry.ts';
import { groupLines, joinLines, lineOf, type Line } from './lines.ts';
import type { PdfTable } from './tables.ts';

export interface PdfParagraph {
  kind: 'paragraph';
  text: string;
  page: number;
  top: number;
  /** The first line starts at the left margin (no indent): it may continue a paragraph from the page before. */
  flush: boolean;
  /** The last line runs to the right margin: the paragraph may go on on the next page. */
  full: boolean;
}

export type PageItem = PdfParagraph | PdfTable;

type Flow = 'span' | 'left' | 'right';

interface Placed {
  flow: Flow;
  top: number;
  line?: Line;
  table?: PdfTable;
}

/** Gap (in ems) that separates two pieces of one line: a column gutter or a tab stop. */
const PIECE_GAP = 2.5;

/**
 * The page's running text and tables in reading order. `margins` are the body text's left and right edges
 * across the document: a page of a few lines cannot tell where its own margins are.
 */
export function readingOrder(
  free: readonly Fragment[],
  tables: readonly PdfTable[],
  page: number,
  margins: Margins | null,
): PageItem[] {
  const lines = groupLines(free);
  const pieces = lines.flatMap(splitPieces);
  const gutter = findGutter(pieces);
  const placed: Placed[] = [];
  if (gutter === null) {
    for (const line of lines) placed.push({ flow: 'span', top: line.baseline - line.size, line });
  } else {
    for (const piece of pieces) {
      const flow: Flow = piece.x1 <= gutter ? 'left' : piece.x0 >= gutter ? 'right' : 'span';
      placed.push({ flow, top: piece.baseline - piece.size, line: piece });
    }
  }
  for (const table of tables) {
    const flow: Flow =
      gutter !== null && table.x1 <= gutter
        ? 'left'
        : gutter !== null && table.x0 >= gutter
          ? 'right'
          : 'span';
    placed.push({ flow, top: table.top, table });
  }
  placed.sort((a, b) => a.top - b.top);

  // Spanning items close the columns above them: the left column is read before the right one.
  const ordered: Placed[] = [];
  let left: Placed[] = [];
  let right: Placed[] = [];
  const flush = () => {
    ordered.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const item of placed) {
    if (item.flow === 'left') left.push(item);
    else if (item.flow === 'right') right.push(item);
    else {
      flush();
      ordered.push(item);
    }
  }
  flush();

  const flows = flowMargins(placed, margins);
  const items: PageItem[] = [];
  let run: Line[] = [];
  let runFlow: Flow = 'span';
  const endRun = () => {
    if (run.length > 0) items.push(...paragraphsOf(run, page, flows.get(runFlow)!));
    run = [];
  };
  for (const item of ordered) {
    if (item.table) {
      endRun();
      items.push(item.table);
      continue;
    }
    if (item.flow !== runFlow) endRun();
    runFlow = item.flow;
    run.push(item.line!);
  }
  endRun();
  return items;
}

/** A line cut where its fragments leave a gap wider than PIECE_GAP ems. */
function splitPieces(line: Line): Line[] {
  const pieces: Fragment[][] = [[]];
  let previous: Fragment | null = null;
  for (const f of line.fragments) {
    if (previous && f.x0 - previous.x1 > PIECE_GAP * Math.max(f.size, previous.size)) pieces.push([]);
    pieces[pieces.length - 1]!.push(f);
    previous = f;
  }
  return pieces.length === 1 ? [line] : pieces.map(lineOf);
}

/**
 * The x of the gutter of a two-column page, or null. Pieces narrower than most of the text width must
 * leave a clear vertical strip in the middle third, and at least three lines must stand side by side.
 */
function findGutter(pieces: readonly Line[]): number | null {
  if (pieces.length < 6) return null;
  const left = Math.min(...pieces.map((p) => p.x0));
  const right = Math.max(...pieces.map((p) => p.x1));
  const width = right - left;
  if (width < 200) return null;
  const narrow = pieces.filter((p) => p.x1 - p.x0 < 0.6 * width);
  const covered = new Uint16Array(Math.ceil(width) + 2);
  for (const p of narrow) {
    for (let x = Math.floor(p.x0 - left); x <= Math.ceil(p.x1 - left); x++) covered[x]!++;
  }
  // The strip in the middle third crossed by the fewest pieces (a centred title may cross it).
  const from = Math.floor(width / 3);
  const to = Math.ceil((2 * width) / 3);
  let least = Infinity;
  for (let x = from; x <= to; x++) least = Math.min(least, covered[x]!);
  if (least > Math.max(1, 0.1 * narrow.length)) return null;
  let best: [number, number] | null = null;
  let start = -1;
  for (let x = from; x <= to + 1; x++) {
    if (x <= to && covered[x] === least) {
      if (start === -1) start = x;
    } else if (start !== -1) {
      if (!best || x - start > best[1] - best[0]) best = [start, x];
      start = -1;
    }
  }
  if (!best || best[1] - best[0] < 8) return null;
  const gutter = left + (best[0] + best[1]) / 2;
  const lefts = narrow.filter((p) => p.x1 <= gutter);
  const rights = narrow.filter((p) => p.x0 >= gutter);
  const sideBySide = rights.filter((r) =>
    lefts.some((l) => Math.abs(l.baseline - r.baseline) < 0.5 * r.size),
  );
  return lefts.length >= 3 && rights.length >= 3 && sideBySide.length >= 3 ? gutter : null;
}

export type Margins = [left: number, right: number];

/** The left and right edges of the body text over all pages: most lines start and end there. */
export function documentMargins(pages: readonly (readonly Fragment[])[]): Margins | null {
  const lefts: number[] = [];
  const rights: number[] = [];
  for (const free of pages) {
    for (const line of groupLines(free)) {
      lefts.push(line.x0);
      rights.push(line.x1);
    }
  }
  if (lefts.length < 3) return null;
  lefts.sort((a, b) => a - b);
  rights.sort((a, b) => a - b);
  return [lefts[Math.floor(lefts.length * 0.05)]!, rights[Math.floor(rights.length * 0.95)]!];
}

/** Margins of each flow: columns of a two-column page have their own, single-column text the document's. */
function flowMargins(placed: readonly Placed[], document: Margins | null): Map<Flow, Margins> {
  const withLines = placed.filter((p) => p.line);
  const extent = (lines: Line[]): Margins => [
    Math.min(...lines.map((l) => l.x0)),
    Math.max(...lines.map((l) => l.x1)),
  ];
  const page = document ?? extent(withLines.map((p) => p.line!));
  const margins = new Map<Flow, Margins>([['span', page]]);
  for (const flow of ['left', 'right'] as const) {
    const own = withLines.filter((p) => p.flow === flow).map((p) => p.line!);
    margins.set(flow, own.length >= 3 ? extent(own) : page);
  }
  return margins;
}

function paragraphsOf(lines: readonly Line[], page: number, [left, right]: Margins): PdfParagraph[] {
  const pitches: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const pitch = lines[i]!.baseline - lines[i - 1]!.baseline;
    if (pitch > 0 && pitch < 3 * lines[i]!.size) pitches.push(pitch);
  }
  pitches.sort((a, b) => a - b);
  // Without two lines to measure, a line and a half (Word's 1.5 spacing) is the usual pitch.
  const usual = pitches.length > 0 ? pitches[Math.floor(pitches.length / 2)]! : 1.5 * lines[0]!.size;

  const out: PdfParagraph[] = [];
  let current: Line[] = [];
  const close = () => {
    if (current.length === 0) return;
    const text = joinLines(current.map((l) => l.text));
    const first = current[0]!;
    const last = current[current.length - 1]!;
    if (text !== '') {
      out.push({
        kind: 'paragraph',
        text,
        page,
        top: first.baseline - first.size,
        flush: first.x0 <= left + 1.0 * first.size,
        full: last.x1 >= right - 1.5 * last.size,
      });
    }
    current = [];
  };
  const middle = (left + right) / 2;
  const centered = (l: Line) => l.x0 > left + l.size && Math.abs((l.x0 + l.x1) / 2 - middle) < l.size;
  const full = (l: Line) => l.x1 >= right - 1.5 * l.size;
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous) {
      const size = line.size;
      // A centred title wraps onto a centred line: that line is indented but goes on with the title.
      const wrapsCentred = centered(line) && (full(previous) || centered(previous)) && !full(line);
      const startsNew =
        Math.abs(line.size - previous.size) > 0.15 * size ||
        line.baseline - previous.baseline > Math.max(usual * 1.25 + 0.5, 1.8 * size) ||
        (line.x0 > left + 1.0 * size && !(wrapsCentred && full(previous))) ||
        !full(previous);
      if (startsNew) close();
    }
    current.push(line);
  });
  close();
  return out;
}
