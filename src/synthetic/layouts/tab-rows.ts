/**
 * A table exported one row a line (seed 001): cells separated by tabs, empty cells kept (merged cells leave
 * empty cells behind), often a trailing tab, and a `----` rule under the first row as text converters draw.
 */
import type { ReportRecord } from '../../record/index.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import { flattenRows, type Flattening } from './cells.ts';
import type { Layout, LayoutContext } from './types.ts';

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, {
    breaks: [
      ['none', 5],
      ['manual', 1],
    ],
  });
  const flattening: Flattening = rng.chance(0.6) ? 'full' : 'placeholders';
  const joinBreaks = rng.chance(0.7) ? '' : ' ';
  const blocks: string[] = [];
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'table') {
      const trailing = rng.chance(0.4) ? '\t' : '';
      const lines = flattenRows(part.grid, flattening).map(
        (cells) => `${cells.map((t) => t.replace(/\n+/g, joinBreaks)).join('\t')}${trailing}`,
      );
      if (part.table === 'requests' && rng.chance(0.4)) {
        lines.splice(1, 0, `${'-'.repeat(38)}\t${'-'.repeat(7)}`, '');
      }
      blocks.push(lines.join('\n'));
    } else if (part.kind === 'heading') blocks.push(part.text);
    else if (part.kind === 'paragraph') blocks.push(part.text);
    else blocks.push(part.lines.join('\n'));
  }
  return `${rng.chance(0.5) ? '\n\n' : ''}${blocks.join('\n\n')}\n`;
}

export const tabRows: Layout = { family: 'text', extension: 'txt', render };
