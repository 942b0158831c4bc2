import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Block, Document, Table } from '../src/document/index.ts';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { readHtml } from '../src/sources/html/index.ts';
import { pageBlocks } from '../src/sources/html/blocks.ts';
import { parseLight } from '../src/sources/html/light-parser.ts';
import { parseSpec } from '../src/sources/html/spec-parser.ts';

const read = (html: string) => readHtml(new Uint8Array(Buffer.from(html, 'utf8')), 'page.html');
const doc = (html: string) => read(html).document;
const tables = (d: Document) => d.blocks.filter((b): b is Table => b.kind === 'table');
const texts = (d: Document) =>
  d.blocks.map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.cells.map((c) => c.text))));
const grid = (t: Table) => t.rows.map((r) => r.cells.map((c) => c.text));
/** The CMS page is also a golden report case: one file serves both suites. */
const CMS_PAGE = '../fixtures/reports/html-2021-gbk-cms-page/report.html';
const fixture = (name: string) =>
  new Uint8Array(
    readFileSync(
      new URL(name === 'cms-report-2021-gbk.html' ? CMS_PAGE : `./fixtures/html/${name}`, import.meta.url),
    ),
  );

test('rowspan and colspan are kept on the cell, and covered cells are not invented', () => {
  const d = doc(`<table>
    <tr><td rowspan="2" colspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
    <tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td ROWSPAN="2">总计</td></tr>
    <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
  </table>`);
  const [table] = tables(d);
  assert.deepEqual(
    table!.rows.map((r) => r.cells.map((c) => [c.text, c.rowSpan, c.colSpan])),
    [
      [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 2, 3],
        ['申请人情况', 1, 7],
      ],
      [
        ['自然人', 2, 1],
        ['法人或其他组织', 1, 5],
        ['总计', 2, 1],
      ],
      [
        ['商业企业', 1, 1],
        ['科研机构', 1, 1],
        ['社会公益组织', 1, 1],
        ['法律服务机构', 1, 1],
        ['其他', 1, 1],
      ],
    ],
  );
});

test('odd span values read as HTML reads them', () => {
  const d = doc(
    '<table><tr><td colspan="0">a</td><td rowspan="x">b</td><td colspan=" 2 ">c</td><td colspan="99999">d</td></tr></table>',
  );
  assert.deepEqual(
    tables(d)[0]!.rows[0]!.cells.map((c) => [c.rowSpan, c.colSpan]),
    [
      [1, 1],
      [1, 1],
      [1, 2],
      [1, 1000],
    ],
  );
});

test('attributes in any spelling: case, duplicates, spaces around =, quotes, references in values', () => {
  const d = doc(
    '<TABLE><TR><TD ROWSPAN="2" Colspan="2">甲</TD><Td colspan="2" colspan="3">乙</tD>' +
      `<td colspan = "3">丙</td><td colspan='4'>丁</td><td colspan=5 class=x>戊</td><td colspan="&#54;">己</td>` +
      '<td data-a="1"colspan="7">庚</td><td\tcolspan="8">辛</td><td colspan="9"/>壬</td></TR></TABLE>',
  );
  assert.deepEqual(
    tables(d)[0]!.rows[0]!.cells.map((c) => [c.text, c.rowSpan, c.colSpan]),
    [
      ['甲', 2, 2],
      ['乙', 1, 2],
      ['丙', 1, 3],
      ['丁', 1, 4],
      ['戊', 1, 5],
      ['己', 1, 6],
      ['庚', 1, 7],
      ['辛', 1, 8],
      ['壬', 1, 9],
    ],
  );
  // Chrome is judged on any spelling of the attribute name.
  assert.deepEqual(texts(doc('<div CLASS="nav">导航</div><div Class=\'menu\'>菜单</div><p>正文</p>')), [
    '正文',
  ]);
});

test('lines of white space alone between blocks make no paragraph', () => {
  assert.deepEqual(texts(doc('<p>一</p>\n\r\n\t<p>二</p>\u3000\u00a0<div>\u200b</div> \n<P>三</P>')), [
    '一',
    '二',
    '三',
  ]);
});

test('inline tags join without a separator; <br>, <p> and <div> in a cell become line breaks', () => {
  const d = doc(`<table><tr>
    <td>本年新<span>制作</span>数量</td>
    <td><font face="宋体">本年</font><b>新公开</b><br>数量</td>
    <td><p>对外公开</p><p>总数量</p></td>
    <td><div>上一年</div><div><span>项目</span>数量</div></td>
    <td><p class=MsoNormal><span style='font-size:10.5pt'>本年新制\r\n作数量</span></p></td>
  </tr></table>`);
  assert.deepEqual(grid(tables(d)[0]!), [
    ['本年新制作数量', '本年新公开\n数量', '对外公开\n总数量', '上一年\n项目数量', '本年新制作数量'],
  ]);
});

test('cells holding only &nbsp;, NBSP, U+3000 or empty paragraphs are empty strings, kept in place', () => {
  const d = doc(
    `<table><tr><td>行政事业性收费</td><td>&nbsp;</td><td>\u00a0 \u3000</td><td><p>&nbsp;</p></td><td></td><td>0</td></tr></table>`,
  );
  assert.deepEqual(grid(tables(d)[0]!), [['行政事业性收费', '', '', '', '', '0']]);
});

test('whitespace runs collapse; a line break between CJK characters disappears, between words it is a space', () => {
  const d = doc(
    '<p>  第二十条\n  第（一）项  </p><p>Hello\n   world</p><p>规章&nbsp;&nbsp;&nbsp;0</p><p>a\u200bb</p>',
  );
  assert.deepEqual(texts(d), ['第二十条第（一）项', 'Hello world', '规章 0', 'ab']);
});

test('a heading stays one paragraph when it wraps with <br>', () => {
  const d = doc(
    '<h1>燕清市统计局<br>2022年政府信息公开工作年度报告</h1><h2>松北区船口<br/>街道</h2><p>正文</p>',
  );
  assert.deepEqual(texts(d), ['燕清市统计局 2022年政府信息公开工作年度报告', '松北区船口街道', '正文']);
});

test('paragraphs come per block element and per <br> line; <pre> keeps its lines', () => {
  const d = doc(`<h1>某某县2021年政府信息公开工作年度报告</h1><div>一、总体情况<br>（一）主动公开情况</div>
    <ul><li>第一项</li><li>第二项</li></ul><pre>第一行
第二行</pre><p>尾段</p>`);
  assert.deepEqual(texts(d), [
    '某某县2021年政府信息公开工作年度报告',
    '一、总体情况',
    '（一）主动公开情况',
    '第一项',
    '第二项',
    '第一行',
    '第二行',
    '尾段',
  ]);
});

test('a realistic CMS page: GBK with <meta charset=gb2312>, chrome dropped, report kept', () => {
  const bytes = fixture('cms-report-2021-gbk.html');
  const result = readHtml(bytes, 'cms-report-2021-gbk.html');
  const d = result.document;
  assert.equal(result.kind, 'html');
  assert.deepEqual(
    result.messages.map((m) => m.rule),
    ['read.html.chromeDropped'],
  );
  assert.equal(d.text, new TextDecoder('gb18030').decode(bytes), 'Document.text is the decoded page');

  const all = texts(d).flat(3).join('\n');
  for (const chrome of [
    '首页',
    '当前位置',
    '政府信息公开指南',
    '分享到',
    '版权所有',
    '网站标识码',
    '请输入关键字',
    '您的浏览器不支持脚本',
  ]) {
    assert.ok(!all.includes(chrome), `chrome left in: ${chrome}`);
  }
  for (const script of ['document.write', '脚本写入的表格', '_hmt', 'margin'])
    assert.ok(!all.includes(script), `script text in: ${script}`);

  const paragraphs = d.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
  assert.equal(
    paragraphs[0],
    '云溪县自然资源局2021年政府信息公开工作年度报告',
    'the visible title, and <title> is not repeated',
  );
  for (const heading of [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ]) {
    assert.ok(paragraphs.includes(heading), heading);
  }
  assert.ok(paragraphs.includes('2022年1月20日'), 'signature date assembled from its spans');

  const [active, requests, reviews] = tables(d);
  assert.equal(tables(d).length, 3, 'the layout table around the page is looked through');
  assert.deepEqual(grid(active!).slice(0, 4), [
    ['第二十条第（一）项'],
    ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
    ['规章', '0', '0', '0'],
    ['行政规范性文件', '3', '1', '12'],
  ]);
  assert.deepEqual(grid(active!)[6], ['行政许可', '1,286']);
  assert.deepEqual(grid(requests!)[2], ['商业\n企业', '科研\n机构', '社会公益组织', '法律服务机构', '其他']);
  assert.deepEqual(
    grid(requests!)[6],
    ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '1', '0', '0', '0', '0', '0', '1'],
    'source line wrap inside the label',
  );
  assert.equal(requests!.rows[5]!.cells[0]!.rowSpan, 22);
  assert.equal(requests!.rows.length, 28);
  assert.deepEqual(grid(reviews!)[3], [
    '1',
    '0',
    '0',
    '0',
    '1',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
    '0',
  ]);
});

test('spans point into Document.text, with true line numbers', () => {
  const html =
    '<html>\n<body>\n<p>一、总体情况</p>\n<table>\n<tr><td>行政许可</td><td>12</td></tr>\n</table>\n</body></html>';
  const d = doc(html);
  const [heading, table] = d.blocks as [Block, Table];
  assert.equal(heading.span.line, 3);
  assert.equal(d.text.slice(heading.span.start, heading.span.end), '一、总体情况');
  assert.equal(table.span.line, 4);
  assert.ok(d.text.slice(table.span.start, table.span.end).startsWith('<table>'));
  const cell = table.rows[0]!.cells[1]!;
  assert.equal(d.text.slice(cell.span.start, cell.span.end), '<td>12</td>');
  assert.equal(cell.span.line, 5);
});

test('spans in the GBK fixture land on the cells they describe', () => {
  const d = readHtml(fixture('cms-report-2021-gbk.html'), 'x.html').document;
  for (const table of tables(d)) {
    for (const row of table.rows) {
      for (const c of row.cells) {
        const source = d.text.slice(c.span.start, c.span.end);
        assert.match(source, /^<td/);
        assert.equal(d.text.slice(0, c.span.start).split('\n').length, c.span.line);
        if (/^\d+$/.test(c.text)) assert.ok(source.includes(`>${c.text}<`), `${c.text} in ${source}`);
      }
    }
  }
});

test('broken HTML still yields the table: unclosed tags, stray </td>, missing <tr>, text misplaced in the table', () => {
  const d = doc(`<p>二、主动公开政府信息情况
    <table border=1></td>
      <tr><td>信息内容<td>本年制发件数</td></span><td>本年废止件数
      <tr><td>规章<td>0<td>0</td>
      误放的文字
      <tr><td>行政规范性文件<td>3</td><td>1</tr>
    </table>
    <p>三、收到和处理政府信息公开申请情况`);
  assert.deepEqual(texts(d), [
    '二、主动公开政府信息情况',
    '误放的文字',
    [
      ['信息内容', '本年制发件数', '本年废止件数'],
      ['规章', '0', '0'],
      ['行政规范性文件', '3', '1'],
    ],
    '三、收到和处理政府信息公开申请情况',
  ]);
});

test('a table with no closing tags at all, cut off at the end of the file', () => {
  const d = doc('<table><tr><td>行政许可<td>5<tr><td>行政处罚<td>7');
  assert.deepEqual(texts(d), [
    [
      ['行政许可', '5'],
      ['行政处罚', '7'],
    ],
  ]);
});

test('scripts, styles, templates, iframes, SVG and form controls never reach the text', () => {
  const d = doc(`<p>前</p><script>var s = "<p>脚本</p></scr" + "ipt>";</script><style>p{}</style>
    <noscript>请启用脚本</noscript><template><p>模板</p></template><iframe src="x">框架</iframe>
    <svg><title>图形</title><text>图形文字</text></svg><select><option>选项</option></select>
    <textarea>输入</textarea><button>按钮</button><p>后</p>`);
  assert.deepEqual(texts(d), ['前', '后']);
});

test('nested data table: its rows follow the outer row that holds it', () => {
  const d = doc(`<table>
    <tr><td>申请人情况</td><td><table><tr><td>自然人</td><td>法人</td></tr><tr><td>1</td><td>2</td></tr></table></td><td>总计</td></tr>
    <tr><td>本年新收</td><td>3</td><td>3</td></tr>
    <tr><td>上年结转</td><td>0</td><td>0</td></tr>
    <tr><td>结转下年</td><td>0</td><td>0</td></tr>
  </table>`);
  assert.deepEqual(texts(d), [
    [
      ['申请人情况', '', '总计'],
      ['自然人', '法人'],
      ['1', '2'],
      ['本年新收', '3', '3'],
      ['上年结转', '0', '0'],
      ['结转下年', '0', '0'],
    ],
  ]);
});

test('layout tables are looked through: page grids, one-cell boxes, cells holding an article', () => {
  const d = doc(`<table width=1000><tr><td>当前栏目</td><td>
      <h2>某某县2021年报告</h2><p>一、总体情况</p>
      <table><tr><td>规章</td><td>0</td></tr><tr><td>规范性文件</td><td>3</td></tr></table>
      <p>二、其他</p></td></tr></table>
    <table><tr><td><p>一格的框</p></td></tr></table>`);
  assert.deepEqual(texts(d), [
    '当前栏目',
    '某某县2021年报告',
    '一、总体情况',
    [
      ['规章', '0'],
      ['规范性文件', '3'],
    ],
    '二、其他',
    '一格的框',
  ]);
});

test('chrome is dropped by element and by id/class, but never when it holds the report', () => {
  const d = doc(`<header><a href="/">首页</a></header><nav>导航</nav>
    <div id="breadcrumb">当前位置</div><div class="share-bar">分享</div><div class="copyright">版权所有</div>
    <div class="main-nav-wrap"><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table></div>
    <div class="sidebar"><h1>某某县2021年政府信息公开工作年度报告</h1></div>
    <div class="article-footer"><p>某某县人民政府</p><p>2022年1月20日</p></div>
    <footer>网站地图</footer>`);
  assert.deepEqual(texts(d), [
    '一、总体情况',
    [['规章', '0']],
    '某某县2021年政府信息公开工作年度报告',
    '某某县人民政府',
    '2022年1月20日',
  ]);
  assert.deepEqual(
    read('<nav>导航</nav><p>正文</p>').messages.map((m) => m.rule),
    ['read.html.chromeDropped'],
  );
});

test('an article’s own <header> and <footer> are content, not chrome', () => {
  const d = doc(`<header>网站名称</header><main><article>
    <header><div class="title">某某局2021年政府信息公开工作年度报告</div><span>发布时间：2022-01-24</span></header>
    <p>一、总体情况</p><footer>某某局 2022-01-20</footer></article></main><footer>版权所有</footer>`);
  assert.deepEqual(texts(d), [
    '某某局2021年政府信息公开工作年度报告',
    '发布时间：2022-01-24',
    '一、总体情况',
    '某某局 2022-01-20',
  ]);
});

test('hidden elements are dropped', () => {
  const d = doc(
    '<p>正文</p><div style="display: none">隐藏</div><p hidden>也隐藏</p><span style="visibility:hidden">看不见</span>',
  );
  assert.deepEqual(texts(d), ['正文']);
});

test('<title> opens the document only when the body does not show the title', () => {
  const withoutHeading = doc(
    '<html><head><title>某某县2021年政府信息公开工作年度报告_某某县人民政府</title></head><body><p>一、总体情况</p></body></html>',
  );
  assert.deepEqual(texts(withoutHeading), [
    '某某县2021年政府信息公开工作年度报告_某某县人民政府',
    '一、总体情况',
  ]);
  const withHeading = doc(
    '<title>某某县2021年政府信息公开工作年度报告_某某县人民政府</title><div class="title">某某县2021年政府信息公开工作年度报告</div><p>一、总体情况</p>',
  );
  assert.deepEqual(texts(withHeading), ['某某县2021年政府信息公开工作年度报告', '一、总体情况']);
});

test('character references: named, numeric, Windows-1252 range, and ones only the full parser knows', () => {
  const d = doc(
    '<p>&ldquo;三安全一稳定&rdquo;&mdash;&#12288;&#x4E00;&#150;&lt;&amp;&gt;&copy 2021</p><p>&hearts;&notin;</p>',
  );
  assert.deepEqual(texts(d), ['“三安全一稳定”—\u3000一–<&>© 2021'.replace('\u3000', ' '), '♥∉']);
});

test('a 50,000-level nesting bomb neither crashes nor takes long', () => {
  for (const [open, close] of [
    ['<div>', '</div>'],
    ['<span>', '</span>'],
    ['<table><tr><td>', '</td></tr></table>'],
    ['<b><p>', '</p></b>'],
  ]) {
    const html = `${open!.repeat(50_000)}深处的文字${close!.repeat(50_000)}<p>之后</p>`;
    const started = performance.now();
    const d = doc(html);
    assert.ok(performance.now() - started < 5000, `${open} bomb took too long`);
    assert.ok(texts(d).flat(3).includes('深处的文字'), `${open} text kept`);
  }
});

test('a nesting bomb that the fast builder declines is read by parse5 without crashing', () => {
  const html = `${'<table><tr><td>'.repeat(50_000)}&hearts;深处${'</td></tr></table>'.repeat(50_000)}`;
  assert.equal(parseLight(html), null);
  assert.ok(
    texts(doc(html))
      .flat(3)
      .some((t) => t.includes('♥深处')),
  );
});

test('a page with no readable text is unusable', () => {
  assert.throws(
    () => read('<html><head><script>x()</script></head><body><img src="report.jpg"></body></html>'),
    (e: unknown) => e instanceof UnusableInputError && e.code === 'input.noText',
  );
});

/**
 * The fast tree builder is an optimisation of parse5: on every page here both must give the same
 * blocks, spans included. Pages the fast builder declines (null) are read by parse5 anyway.
 */
const AGREEMENT_PAGES: [string, string][] = [
  ['fixture', new TextDecoder('gb18030').decode(fixture('cms-report-2021-gbk.html'))],
  ['implied ends', '<p>一<p>二<ul><li>甲<li>乙</ul><dl><dt>项<dd>值</dl><h2>标题<h3>小标题</h3>'],
  [
    'table repairs',
    '<table></td><tr><td>a<td>b</span></tr><tr><td>c</table><p>x<table><tr><td>1</table>y</p>',
  ],
  ['foster parenting', '<table><tr>外<td>里</td>外二<div>块</div><td>格</td></tr></table>'],
  ['table in table row', '<table><tr><td>a</td><table><tr><td>b</td></tr></table></tr></table>'],
  [
    'caption and groups',
    '<table><caption>表一<br>说明</caption><colgroup><col><col></colgroup><thead><tr><th>甲<th>乙</thead><tbody><tr><td>1<td>2</tbody><tfoot><tr><td>合计<td>3</tfoot></table>',
  ],
  ['misnested inline', '<p><b>粗<i>斜</b>体</i></p><div><span>一</div>二</span><a href=x>链<p>接</a>'],
  [
    'raw text and comments',
    '<p>甲<!-- 注释 <p>不是段落 -->乙</p><script>if (a < b) {}</script><!--->丙<!-->丁<xmp><b>原样</b></xmp>',
  ],
  [
    'attributes',
    `<td colspan=2>x</td><table><tr><td width="50%"nowrap class='a b' data-x=1/2>甲</td><td rowspan=2 style="display:none">乙</td></tr></table>`,
  ],
  ['stray end tags', '</p></div></td></tr></table><p>正文</p></body></html><p>尾</p>'],
  ['line wraps', '<p class=MsoNormal><span>本年新制\r\n作数量</span></p>\r\n<p>第二行\r\n</p>'],
  [
    'attribute spellings',
    '<TABLE><TR><TD ROWSPAN="2" Colspan="2">甲</TD><Td colspan="2" colspan="3">乙<td colspan = "3" class="n&#97;v">丙</TABLE><P>\n</P>\u3000<p>丁</p>',
  ],
];

for (const [name, html] of AGREEMENT_PAGES) {
  test(`fast builder and parse5 agree: ${name}`, () => {
    const light = parseLight(html);
    assert.ok(light, 'the fast builder reads this page');
    assert.deepEqual(pageBlocks(light, html), pageBlocks(parseSpec(html), html));
  });
}

test('pages outside the fast builder’s ground are declined, and read through parse5', () => {
  for (const html of [
    '<p>&hearts;</p>',
    '<frameset><frame src=a></frameset>',
    '<svg><g>',
    '<p title="unterminated>x</p>',
  ]) {
    assert.equal(parseLight(html), null, html);
  }
  assert.deepEqual(texts(doc('<p>&hearts; 公开</p>')), ['♥ 公开']);
});
