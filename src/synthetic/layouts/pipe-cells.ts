/**
 * Cells separated by a line holding only `|` (seed 004): each cell's text on its own line(s), rows not
 * marked at all, empty cells as consecutive `|` lines, sometimes a run of `|` after the last cell.
 */
import type { ReportRecord } from '../../record/index.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import type { Layout, LayoutContext } from './types.ts';

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, { pad: 'span' });
  const gap = rng.chance(0.7) ? '\n' : '\n\n';
  const blocks: string[] = [];
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'table') {
      const lines: string[] = [];
      for (const row of part.grid.rows) {
        for (const cell of row) {
          lines.push(...cell.text.split('\n').filter((l) => l !== ''), '|');
        }
      }
      if (rng.chance(0.3)) for (let k = rng.int(1, 5); k > 0; k--) lines.push('|');
      blocks.push(lines.join('\n'));
    } else if (part.kind === 'heading') blocks.push(part.text);
    else if (part.kind === 'paragraph') blocks.push(part.text);
    else blocks.push(part.lines.join('\n'));
  }
  return `${blocks.join(gap)}\n`;
}

export const pipeCells: Layout = { family: 'text', extension: 'txt', render };
