/**
 * Pages → the blocks of one document: tables rebuilt from ruling lines on each page, running headers,
 * footers and page numbers removed, text put in reading order, then what a page break cut in two joined
 * again (continuation.ts).
 */
import type { PlainBlock, PlainCell } from '../text-dump.ts';
import { removeChrome } from './chrome.ts';
import { continues, joined, SAME_EDGE } from './continuation.ts';
import type { PageContent } from './geometry.ts';
import { findGrids } from './grid.ts';
import { withoutOverprint } from './lines.ts';
import { documentMargins, readingOrder, type PageItem } from './paragraphs.ts';
import { fillGrids, type PdfCell } from './tables.ts';

export interface LaidOutPages {
  blocks: PlainBlock[];
  /** Header, footer and page-number lines left out. */
  chrome: number;
}

export function layOutPages(
  pages: readonly PageContent[],
  ocrPages: ReadonlySet<number> = new Set(),
): LaidOutPages {
  const filled = pages.map((page) => {
    const fragments = withoutOverprint(page.fragments);
    const grids = findGrids(page.horizontal, page.vertical);
    return { page, ...fillGrids(grids, fragments, page.number) };
  });
  const { free, dropped } = removeChrome(filled.map((f) => ({ height: f.page.height, free: f.free })));
  const margins = documentMargins(free);
  const items: PageItem[] = [];
  filled.forEach((f, i) => {
    const pageItems = readingOrder(free[i]!, f.tables, f.page.number, margins);
    const first = pageItems[0];
    const previous = items[items.length - 1];
    if (first && previous && continues(previous, first)) {
      items[items.length - 1] = joined(previous, first);
      pageItems.shift();
    }
    items.push(...pageItems);
  });
  return { blocks: items.map((item) => blockOf(item, ocrPages)), chrome: dropped };
}

function blockOf(item: PageItem, ocrPages: ReadonlySet<number>): PlainBlock {
  if (item.kind === 'paragraph') {
    return ocrPages.has(item.page)
      ? { kind: 'paragraph', text: item.text, page: item.page, ocr: true }
      : { kind: 'paragraph', text: item.text, page: item.page };
  }
  const edges = columnEdges(item.cells);
  const column = (x: number) => nearest(edges, x);
  const rows: PlainCell[][] = Array.from({ length: item.rows }, () => []);
  for (const cell of [...item.cells].sort((p, q) => p.row - q.row || p.x0 - q.x0)) {
    const plain: PlainCell = {
      text: cell.text,
      rowSpan: cell.rowSpan,
      colSpan: Math.max(1, column(cell.x1) - column(cell.x0)),
      page: cell.page,
    };
    if (ocrPages.has(cell.page)) plain.ocr = true;
    rows[cell.row]?.push(plain);
  }
  return { kind: 'table', rows: rows.filter((r) => r.length > 0), page: item.page };
}

/** The distinct x positions of cell edges (parts of a table over pages may differ by a hair). */
function columnEdges(cells: readonly PdfCell[]): number[] {
  const xs = cells.flatMap((c) => [c.x0, c.x1]).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const x of xs) if (edges.length === 0 || x - edges[edges.length - 1]! > SAME_EDGE) edges.push(x);
  return edges;
}

function nearest(edges: readonly number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i]! - x) < Math.abs(edges[best]! - x)) best = i;
  return best;
}
