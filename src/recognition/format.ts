/** Which official format the tables follow, decided from their labels, never from the year. */
import { FORMAT_MARKERS, type ReportFormat } from '../record/index.ts';

export function detectFormat(compactText: string, year: number | null): ReportFormat {
  const count = (list: readonly string[]) => list.reduce((n, m) => n + (compactText.includes(m) ? 1 : 0), 0);
  const old = count(FORMAT_MARKERS['2019']);
  const current = count(FORMAT_MARKERS['2021']);
  if (old === 0 && current === 0) return year !== null && year < 2019 ? 'legacy' : 'unknown';
  if (old === current) return year !== null && year >= 2021 ? '2021' : '2019';
  return old > current ? '2019' : '2021';
}
