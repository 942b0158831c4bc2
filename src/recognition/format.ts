/** Which official format the tables follow, decided from their labels, never from the year. */
import { FORMAT_MARKERS, type ReportFormat } from '../record/index.ts';

/** How many of the markers the text prints. */
function markersIn(compactText: string, markers: readonly string[]): number {
  let n = 0;
  for (const marker of markers) if (compactText.includes(marker)) n++;
  return n;
}

export function detectFormat(compactText: string, year: number | null): ReportFormat {
  const old = markersIn(compactText, FORMAT_MARKERS['2019']);
  const current = markersIn(compactText, FORMAT_MARKERS['2021']);
  // One marker can be prose (「政府集中采购」 in a sentence); a printed table shows several.
  if (old < 2 && current < 2) return year !== null && year < 2019 ? 'legacy' : 'unknown';
  if (old === current) return year !== null && year >= 2021 ? '2021' : '2019';
  return old > current ? '2019' : '2021';
}
