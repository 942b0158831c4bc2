/**
 * Word's text export (seeds 000, 002): each cell on a line starting with a tab, a blank line after each
 * row; a label broken inside its cell continues on lines without a tab (「本年新」 / 「制作数量」, even one
 * character a line); a cell merged from the row above leaves an empty tab cell in its place.
 */
import type { ReportRecord, TableKey } from '../../record/index.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import { flattenRows } from './cells.ts';
import type { Layout, LayoutContext } from './types.ts';

const CAPTIONS: Record<TableKey, string> = {
  active: '主动公开政府信息情况',
  requests: '收到和处理政府信息公开申请情况',
  reviews: '政府信息公开行政复议、行政诉讼情况',
};

function render(record: ReportRecord, { rng }: LayoutContext): string {
  const style = chooseStyle(rng, {
    breaks: [
      ['none', 1],
      ['manual', 4],
      ['narrow', 2],
    ],
    paragraphInsideCell: 0.3,
  });
  const gap = rng.chance(0.6) ? '\n\n' : '\n';
  const indent = rng.pick(['', '', '    ', '　　']);
  const captions = rng.chance(0.3);
  // Word leaves no-break spaces around numbers copied from web pages: 「\u00a00」, 「0\u00a0」.
  const nbsp = rng.chance(0.25);
  const blocks: string[] = [];
  for (const part of composeReport(record, style, rng)) {
    if (part.kind === 'title') blocks.push(part.lines.join('\n'));
    else if (part.kind === 'meta') blocks.push(part.lines.join('\n'));
    else if (part.kind === 'heading') blocks.push(part.text);
    else if (part.kind === 'paragraph') blocks.push(`${indent}${part.text}`);
    else if (part.kind === 'table') {
      const rows = flattenRows(part.grid, 'placeholders').map((cells) =>
        cells
          .map((text) => {
            const padded =
              nbsp && /^[-\d.]+$/.test(text) ? (rng.chance(0.5) ? `\u00a0${text}` : `${text}\u00a0`) : text;
            return `\t${padded}`;
          })
          .join('\n'),
      );
      if (captions) rows.unshift(`\t${CAPTIONS[part.table]}`);
      blocks.push(`${rows.join('\n\n')}\n`);
    } else {
      const [who, when] = part.lines;
      blocks.push(
        [
          who !== undefined ? `  ${who}` : '',
          when !== undefined ? `${' '.repeat(rng.int(10, 30))}${when}` : '',
        ]
          .filter(Boolean)
          .join('\n\n'),
      );
    }
  }
  const lead = rng.chance(0.3) ? '\n\n' : '';
  return `${lead}${blocks.join(gap)}\n${rng.chance(0.5) ? ' \n' : ''}`;
}

export const tabCellLines: Layout = { family: 'text', extension: 'txt', render };
