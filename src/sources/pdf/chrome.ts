/**
 * Page furniture that is not part of the report's text: running headers and footers (the same words at the
 * same place on most pages, page numbers aside) and lone page numbers (「- 3 -」「第3页 共10页」「3/10」).
 * Only lines in the top and bottom margins are considered, and only text outside tables.
 */
import type { Fragment } from './geometry.ts';
import { groupLines, type Line } from './lines.ts';

export interface ChromeInput {
  height: number;
  free: Fragment[];
}

/** Share of the page height at the top and at the bottom where headers and footers sit. */
const MARGIN_ZONE = 0.12;
/** Points within which a repeated line sits "at the same place". */
const SAME_PLACE = 4;

const PAGE_NUMBER =
  /^(?:[-—–－~－]?\s*\d{1,4}\s*[-—–－~－]?|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|page\s*\d+(?:\s*of\s*\d+)?)$/i;

/** Each page's free fragments without its chrome, and how many lines were dropped. */
export function removeChrome(pages: readonly ChromeInput[]): { free: Fragment[][]; dropped: number } {
  const zoneLines = pages.map((page) =>
    groupLines(page.free).filter(
      (line) =>
        line.baseline < page.height * MARGIN_ZONE ||
        line.baseline - line.size > page.height * (1 - MARGIN_ZONE),
    ),
  );
  // Where each text shape (digits masked) appears in the margins, per page.
  const seen = new Map<string, { page: number; baseline: number }[]>();
  zoneLines.forEach((lines, page) => {
    for (const line of lines) {
      const key = shapeOf(line);
      (seen.get(key) ?? seen.set(key, []).get(key)!).push({ page, baseline: line.baseline });
    }
  });
  const repeated = new Set<string>();
  if (pages.length >= 2) {
    for (const [key, places] of seen) {
      const baselines = places.map((p) => p.baseline).sort((a, b) => a - b);
      const median = baselines[Math.floor(baselines.length / 2)]!;
      const onPages = new Set(
        places.filter((p) => Math.abs(p.baseline - median) <= SAME_PLACE).map((p) => p.page),
      );
      if (onPages.size >= 2 && onPages.size >= pages.length / 2) repeated.add(key);
    }
  }

  let dropped = 0;
  const free = pages.map((page, index) => {
    const drop = new Set<Fragment>();
    for (const line of zoneLines[index]!) {
      if (PAGE_NUMBER.test(line.text) || repeated.has(shapeOf(line))) {
        dropped++;
        for (const f of line.fragments) drop.add(f);
      }
    }
    return drop.size === 0 ? page.free : page.free.filter((f) => !drop.has(f));
  });
  return { free, dropped };
}

function shapeOf(line: Line): string {
  return line.text.replace(/\s+/g, '').replace(/[0-9０-９]+/g, '#');
}
