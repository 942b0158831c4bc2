/**
 * Text whose tables are written as HTML (Markdown from PDF converters such as MinerU and pandoc): told from
 * HTML pages by the sniffer, read by the text reader with each table through the HTML reader, spans and line
 * numbers pointing into the whole text.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Table } from '../src/document/index.ts';
import { readSource } from '../src/sources/index.ts';
import { sniff } from '../src/sources/sniff.ts';

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

test('Markdown with HTML tables is text; an HTML page, or a table with nothing around it, is HTML', () => {
  const mineru =
    '# 某局2023年政府信息公开工作年度报告\n\n# 一、总体情况\n\n2023年，我局……\n\n' +
    '<html><body><table><tr><td rowspan="2">信息内容</td><td>本年制发件数</td></tr></table></body></html>\n\n' +
    '# 四、政府信息公开行政复议、行政诉讼情况\n';
  assert.equal(sniff(utf8(mineru), 'report.md'), 'text');
  const pandoc =
    '一、总体情况\n\n<table style="width:100%;">\n<tbody>\n<tr>\n<td><p>规章</p></td>\n</tr>\n</tbody>\n</table>\n';
  assert.equal(sniff(utf8(pandoc), 'report.md'), 'text');
  // A table the first 4 KB cut off is still a table block.
  assert.equal(sniff(utf8(`报告\n<table><tr><td>${'1</td><td>'.repeat(800)}`), 'a.md'), 'text');
  // Any other tag outside the tables makes it a page.
  assert.equal(sniff(utf8('报告<br>\n<table><tr><td>1</td></tr></table>'), 'a.md'), 'html');
  assert.equal(sniff(utf8('<p>一、总体情况</p>\n<table><tr><td>1</td></tr></table>'), 'a.md'), 'html');
  assert.equal(sniff(utf8('<table><tr><td>1</td></tr></table>\n'), 'a.md'), 'html');
});

test('the tables are read with their spans, in place between the lines of text', async () => {
  const file = new URL('../fixtures/reports/markdown-2021-mineru-html-tables/report.md', import.meta.url);
  const { document, kind } = await readSource(readFileSync(file), 'report.md');
  assert.equal(kind, 'text');
  const kinds = document.blocks.map((b) => b.kind);
  assert.deepEqual(
    kinds.filter((k) => k === 'table'),
    ['table', 'table', 'table'],
  );
  const lines = document.text.split('\n');
  for (const [i, block] of document.blocks.entries()) {
    if (block.kind !== 'table') continue;
    // Each table sits under its section's heading line, and its span is its own line.
    const before = document.blocks[i - 1]!;
    assert.match(before.kind === 'paragraph' ? before.text : '', /^# [二三四]、/);
    assert.match(lines[block.span.line! - 1]!, /^<html><body><table>/);
    for (const cell of (block as Table).rows.flatMap((r) => r.cells)) {
      assert.ok(document.text.slice(cell.span.start, cell.span.end).includes(cell.text), cell.text);
    }
  }
  const active = document.blocks.find((b): b is Table => b.kind === 'table')!;
  assert.deepEqual(
    active.rows[0]!.cells.map((c) => [c.text, c.colSpan]),
    [['第二十条第（一）项', 4]],
  );
});

test('a table cut off by the end of the file keeps the rows it has; nothing is lost around it', async () => {
  const text =
    '一、总体情况\n\n本年度工作平稳。\n\n<table><tr><td>规章</td><td>3</td></tr><tr><td>行政规范性文件</td><td>5';
  const { document } = await readSource(utf8(text), 'cut.md');
  assert.deepEqual(
    document.blocks.map((b) =>
      b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text)),
    ),
    [
      '一、总体情况',
      '本年度工作平稳。',
      [
        ['规章', '3'],
        ['行政规范性文件', '5'],
      ],
    ],
  );
});
