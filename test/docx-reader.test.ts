/**
 * The DOCX reader: WordprocessingML features real reports use (merged cells, nested tables, runs, fields,
 * text boxes, tracked changes, list numbers), the capped ZIP reader against hostile archives, and generated
 * reports read back cell for cell.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentText, type Document, type Table } from '../src/document/index.ts';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { parseBytes, checkBytes } from '../src/pipeline/index.ts';
import { flattenTables } from '../src/record/index.ts';
import { readDocx } from '../src/sources/docx/index.ts';
import { readSource } from '../src/sources/index.ts';
import { openZip } from '../src/sources/zip.ts';
import { createRng, deriveSeed, randomRecord } from '../src/synthetic/index.ts';
import { reportDocx } from '../scripts/docx-report.ts';
import { docxOf, p, r, tbl, tc, tr, zipOf } from './support/zip-writer.ts';

const read = (bytes: Uint8Array) => readDocx(bytes, 'test.docx').document;
const tables = (d: Document) => d.blocks.filter((b): b is Table => b.kind === 'table');
const paragraphs = (d: Document) => d.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const grid = (t: Table) =>
  t.rows.map((row) =>
    row.cells.map((c) => `${c.text}${c.rowSpan > 1 || c.colSpan > 1 ? `[${c.rowSpan}x${c.colSpan}]` : ''}`),
  );

const refusedWith = (code: string) => (e: unknown) => e instanceof UnusableInputError && e.code === code;

test('gridSpan and vMerge become colSpan and rowSpan; continuation cells are not cells', () => {
  const doc = read(
    docxOf(
      tbl(
        tr(
          tc(p(r('申请人情况')), '<w:gridSpan w:val="2"/>'),
          tc(p(r('总计')), '<w:vMerge w:val="restart"/>'),
        ),
        tr(tc(p(r('自然人'))), tc(p(r('法人'))), tc(p(), '<w:vMerge/>')),
        tr(tc(p(r('3'))), tc(p(r('4'))), tc(p(r('7')))),
      ),
    ),
  );
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['申请人情况[1x2]', '总计[2x1]'],
    ['自然人', '法人'],
    ['3', '4', '7'],
  ]);
});

test('a cell of several paragraphs keeps them as lines; runs join without separators', () => {
  const doc = read(
    docxOf(
      tbl(
        tr(tc(p(r('本年新')) + p() + p(r('制作数量'))), tc(p(r('26'), r('95'), r('4')))),
        tr(tc(p(r('规章'))), tc(p(r('0')))),
      ),
    ),
  );
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['本年新\n制作数量', '26954'],
    ['规章', '0'],
  ]);
});

test('a nested data table follows the row that holds it; a frame around a table is looked through', () => {
  const inner = tbl(tr(tc(p(r('规章'))), tc(p(r('1')))), tr(tc(p(r('行政规范性文件'))), tc(p(r('2')))));
  const row = (...texts: string[]) => tr(...texts.map((t) => tc(p(r(t)))));
  const doc = read(
    docxOf(
      // One cell holding a heading and a table: a layout frame, as the HTML reader treats it.
      tbl(tr(tc(p(r('二、主动公开政府信息情况')) + tbl(row('信息内容', '本年制发件数'))))) +
        // A data table (more than six cells) with a table nested in a cell.
        tbl(
          row('信息内容', '本年制发件数', '现行有效件数'),
          tr(tc(p(r('第二十条第（一）项')) + inner), tc(p(r('a'))), tc(p(r('b')))),
          row('合计', '3', '3'),
        ),
    ),
  );
  assert.deepEqual(paragraphs(doc), ['二、主动公开政府信息情况']);
  assert.deepEqual(grid(tables(doc)[0]!), [['信息内容', '本年制发件数']]);
  assert.deepEqual(grid(tables(doc)[1]!), [
    ['信息内容', '本年制发件数', '现行有效件数'],
    ['第二十条第（一）项', 'a', 'b'],
    ['规章', '1'],
    ['行政规范性文件', '2'],
    ['合计', '3', '3'],
  ]);
});

test('fields: results kept, instructions dropped', () => {
  const doc = read(
    docxOf(
      p(
        r('共收到申请'),
        '<w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>12</w:t></w:r></w:fldSimple>',
        r('件，办结'),
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =10+1 </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>11</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
        r('件。'),
      ),
    ),
  );
  assert.deepEqual(paragraphs(doc), ['共收到申请12件，办结11件。']);
});

test('text boxes are read once, after the paragraph that anchors them (the VML fallback is skipped)', () => {
  const box = (text: string) => `<w:txbxContent>${p(r(text))}</w:txbxContent>`;
  const doc = read(
    docxOf(
      p(
        r('正文前'),
        `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>${box('文本框中的标题')}</wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox>${box('文本框中的标题')}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
      ) + p(r('正文后')),
    ),
  );
  assert.deepEqual(paragraphs(doc), ['正文前', '文本框中的标题', '正文后']);
});

test('tracked changes read as accepted: insertions kept, deletions and moved-away text dropped', () => {
  const doc = read(
    docxOf(
      p(
        r('新收申请'),
        '<w:del w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>',
        '<w:ins w:id="2" w:author="a"><w:r><w:t>13</w:t></w:r></w:ins>',
        r('件'),
      ) +
        p('<w:moveFrom w:id="3" w:author="a"><w:r><w:t>挪走的话</w:t></w:r></w:moveFrom>', r('留下的话')) +
        // A deleted paragraph mark joins this paragraph to the next.
        `<w:p><w:pPr><w:rPr><w:del w:id="4" w:author="a"/></w:rPr></w:pPr>${r('上一段')}</w:p>` +
        p(r('下一段')) +
        tbl(
          tr(tc(p(r('规章'))), tc(p(r('1')))),
          `<w:tr><w:trPr><w:del w:id="5" w:author="a"/></w:trPr>${tc(p('<w:del w:id="6" w:author="a"><w:r><w:delText>删除的行</w:delText></w:r></w:del>'))}${tc(p())}</w:tr>`,
          tr(tc(p(r('行政规范性文件'))), tc(p(r('2')))),
        ),
    ),
  );
  assert.deepEqual(paragraphs(doc), ['新收申请13件', '留下的话', '上一段下一段']);
  assert.deepEqual(grid(tables(doc)[0]!), [
    ['规章', '1'],
    ['行政规范性文件', '2'],
  ]);
});

test('tabs and breaks: a tab stays a tab, a break ends a line (a new paragraph, or a new line in a cell)', () => {
  const doc = read(
    docxOf(
      p(r('项目'), '<w:r><w:tab/></w:r>', r('数量')) +
        p(r('某某局'), '<w:r><w:br/></w:r>', r('2022年度报告')) +
        // Tab stops defined in paragraph properties are not tabs in the text.
        `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${r('无制表符')}</w:p>` +
        tbl(tr(tc(p(r('（三）不予'), '<w:r><w:br/></w:r>', r('公开'))), tc(p(r('0'))))),
    ),
  );
  assert.deepEqual(paragraphs(doc), ['项目\t数量', '某某局', '2022年度报告', '无制表符']);
  assert.deepEqual(grid(tables(doc)[0]!), [['（三）不予\n公开', '0']]);
});

test('hidden text is not read', () => {
  const hidden = '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的批注</w:t></w:r>';
  const shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>件</w:t></w:r>';
  assert.deepEqual(paragraphs(read(docxOf(p(r('共12'), hidden, shown)))), ['共12件']);
});

test('headers and footers are other parts and are never read', () => {
  const doc = read(
    docxOf(p(r('正文')), {
      'word/header1.xml': `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${p(r('页眉文字'))}</w:hdr>`,
      'word/footer1.xml': `<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${p(r('- 1 -'))}</w:ftr>`,
    }),
  );
  assert.equal(documentText(doc), '正文');
});

test('list numbers Word keeps in numbering.xml are printed: 「一、」 by paragraph and by style', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const numbering = `<w:numbering ${W}>
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
  </w:numbering>`;
  const styles = `<w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>`;
  const numbered = (level: number, text: string) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="3"/></w:numPr></w:pPr>${r(text)}</w:p>`;
  const doc = read(
    docxOf(
      numbered(0, '总体情况') +
        numbered(1, '主动公开') +
        numbered(1, '依申请公开') +
        `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${r('主动公开政府信息情况')}</w:p>` +
        numbered(1, '新的一节'),
      { 'word/numbering.xml': numbering, 'word/styles.xml': styles },
    ),
  );
  assert.deepEqual(paragraphs(doc), [
    '一、总体情况',
    '（一）主动公开',
    '（二）依申请公开',
    '二、主动公开政府信息情况',
    '（一）新的一节',
  ]);
});

test('a document with its own namespace prefix reads the same', () => {
  const doc = read(docxOf('<ns0:p><ns0:r><ns0:t>一、总体情况</ns0:t></ns0:r></ns0:p>', {}, 'ns0'));
  assert.deepEqual(paragraphs(doc), ['一、总体情况']);
});

test('every span points at its text in the dump', () => {
  const doc = read(
    docxOf(p(r('二、主动公开')) + tbl(tr(tc(p(r('规章'))), tc(p(r('12'))))) + p(r('三、申请'))),
  );
  for (const block of doc.blocks) {
    const spans =
      block.kind === 'paragraph'
        ? [[block.text, block.span] as const]
        : block.rows.flatMap((row) => row.cells.map((c) => [c.text, c.span] as const));
    for (const [text, span] of spans) assert.equal(doc.text.slice(span.start, span.end), text);
  }
});

test('a DOCX without tables reads as paragraphs and says so; recognition then reports the tables missing', async () => {
  const record = randomRecord(createRng(deriveSeed(7, 0, 'no-tables')), { format: '2021' });
  const full = read(await reportDocx(record, createRng(1)));
  const withoutTables = docxOf(
    full.blocks
      .flatMap((b) =>
        b.kind === 'paragraph' ? [p(r(b.text.replace(/&/g, '&amp;').replace(/</g, '&lt;')))] : [],
      )
      .join(''),
  );
  const result = readDocx(withoutTables, 'plain.docx');
  assert.ok(result.messages.some((m) => m.rule === 'read.docx.noTables'));
  const checked = await checkBytes(withoutTables, 'plain.docx');
  assert.ok(
    checked.findings.some((f) => f.rule === 'table.missing'),
    'table.missing reported',
  );
});

// ——— bad input ———

test('a DOCX that is not a ZIP, or a damaged one, is refused with one clear line', async () => {
  const fake = new Uint8Array(
    Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('word/document.xml'), Buffer.alloc(200, 7)]),
  );
  await assert.rejects(readSource(fake, 'report.docx'), refusedWith('input.zip.corrupt'));
  const good = docxOf(p(r('正文')));
  await assert.rejects(
    readSource(good.subarray(0, good.length - 30), 'cut.docx'),
    refusedWith('input.zip.corrupt'),
  );
});

test('zip bombs: too many entries, too much declared content, an extreme ratio, a lying size', () => {
  const many = zipOf(Array.from({ length: 2001 }, (_, i) => ({ name: `word/media/${i}.xml`, data: '' })));
  assert.throws(() => openZip(many), refusedWith('input.zip.bomb'));
  const huge = zipOf([{ name: 'word/document.xml', data: 'x', declaredSize: 65 * 1024 * 1024 }]);
  assert.throws(() => openZip(huge), refusedWith('input.zip.bomb'));
  const zeros = zipOf([{ name: 'word/document.xml', data: new Uint8Array(20 * 1024 * 1024) }]);
  assert.throws(() => openZip(zeros), refusedWith('input.zip.bomb'));
  // Declares 10 bytes, inflates to 1 MB: inflating stops at the declared size.
  const lying = zipOf([{ name: 'word/document.xml', data: new Uint8Array(1024 * 1024), declaredSize: 10 }]);
  assert.throws(() => openZip(lying).read('word/document.xml'), refusedWith('input.zip.bomb'));
});

test('an encrypted (password-protected) entry is refused', () => {
  const locked = zipOf([{ name: 'word/document.xml', data: '<w:document/>', encrypted: true }]);
  assert.throws(() => readDocx(locked, 'locked.docx'), refusedWith('input.zip.encrypted'));
});

test('a file whose extension lies is read by what it is', async () => {
  const docx = docxOf(p(r('一、总体情况')));
  assert.equal((await readSource(docx, 'report.pdf')).kind, 'docx');
  assert.equal((await readSource(docx, 'report.txt')).kind, 'docx');
  assert.equal((await readSource(new Uint8Array(Buffer.from('一、总体情况\n')), 'report.docx')).kind, 'text');
});

// ——— generated reports ———

test('generated reports of both formats read back cell for cell from DOCX', async () => {
  for (let i = 0; i < 24; i++) {
    const record = randomRecord(createRng(deriveSeed(20251121, i, 'docx-record')), {
      format: i % 2 === 0 ? '2019' : '2021',
    });
    const bytes = await reportDocx(record, createRng(deriveSeed(20251121, i, 'docx')), {
      splitRuns: true,
      pageChrome: i % 3 === 0,
    });
    const parsed = (await parseBytes(bytes, `${i}.docx`)).record;
    assert.deepEqual(flattenTables(parsed.tables), flattenTables(record.tables), `case ${i}: cells`);
    for (const key of ['agency', 'year', 'format', 'publishedOn'] as const) {
      assert.deepEqual(parsed[key], record[key], `case ${i}: ${key}`);
    }
  }
});
