/**
 * A web page copied as text (seed 003): every paragraph, and every table cell, its own paragraph between
 * blank lines; a label broken inside its cell becomes several paragraphs (「结果」, 「纠正」). A
 * 「发布时间」 line under the title and the portal's footer (主办, ICP, 「TOP」) after the report.
 */
import type { ReportRecord } from '../../record/index.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import { halfWidthPunctuation } from '../text.ts';
import { siteChrome } from './chrome.ts';
import type { Layout, LayoutContext } from './types.ts';

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, {
    // An empty cell leaves no paragraph of its own, so pages that keep blanks apart print a dash.
    blanks: [
      ['—', 3],
      ['/', 2],
      ['-', 1],
      ['', 1],
    ],
    meta: 0.8,
    pad: 'span',
  });
  const chrome = siteChrome(record, rng);
  const halfWidth = rng.chance(0.6);
  const out: string[] = [];
  if (rng.chance(0.3)) out.push(`当前位置：${chrome.breadcrumb.join(' > ')}`);
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'paragraph') out.push(halfWidth ? halfWidthPunctuation(part.text) : part.text);
    else if (part.kind === 'heading') out.push(part.text);
    else if (part.kind === 'table') {
      for (const row of part.grid.rows) {
        for (const cell of row) {
          const lines = cell.text.split('\n').filter((l) => l !== '');
          out.push(...(lines.length ? lines : ['']));
        }
      }
    } else out.push(...part.lines);
  }
  if (rng.chance(0.5)) out.push(rng.pick(['【打印本页】【关闭窗口】', '【字体：大 中 小】【打印】【关闭】']));
  out.push(...chrome.neighbours, ...chrome.footer, rng.pick(['TOP', '返回顶部']));
  return `${out.join('\n\n')}\n`;
}

export const oneCellPerParagraph: Layout = { family: 'text', extension: 'txt', render };
