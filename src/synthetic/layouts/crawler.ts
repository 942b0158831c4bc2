/**
 * Text scraped from a page by a crawler that drops cell boundaries: the cells of a row run together
 * (「规章000」, 「行政规范性文件898989」, 「1.属于国家秘密0000000」), a row a line or a whole table on one
 * line. Digit runs can split several ways: recognition may only give a number where exactly one split fits.
 */
import type { ReportRecord } from '../../record/index.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import type { Layout, LayoutContext } from './types.ts';

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, {
    breaks: [['none', 1]],
    blanks: [
      ['', 4],
      ['—', 1],
      ['/', 1],
    ],
  });
  const oneLine = rng.chance(0.4);
  const gap = rng.chance(0.7) ? '\n' : '\n\n';
  const blocks: string[] = [];
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'table') {
      const rows = part.grid.rows.map((row) => row.map((c) => c.text.replace(/\n/g, '')).join(''));
      blocks.push(oneLine ? rows.join('') : rows.join('\n'));
    } else if (part.kind === 'heading' || part.kind === 'paragraph') blocks.push(part.text);
    else blocks.push(part.lines.join('\n'));
  }
  return `${blocks.join(gap)}\n`;
}

export const crawler: Layout = { family: 'text', extension: 'txt', render };
