/** Which official format the tables follow, decided from their labels, never from the year. */
import { FORMAT_MARKERS, type ReportFormat } from '../record/index.ts';

export function detectFormat(compactText: string, year: number | null): ReportFormat {
  const count = (list: readonly string[]) => list.reduce((n, m) => n + (compactText.includes(m) ? 1 : 0), 0);
  const old = count(FORMAT_MARKERS['2019']);
  const current = count(FORMAT_MARKERS['2021']);
  // One marker can be prose (「政府集中采购」 in a sentence); a printed table shows several.
  if (old < 2 && current < 2) return year !== null && year < 2019 ? 'legacy' : 'unknown';
  if (old === current) return year !== null && year >= 2021 ? '2021' : '2019';
  return old > current ? '2019' : '2021';
}
