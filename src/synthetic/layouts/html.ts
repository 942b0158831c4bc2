/**
 * A whole CMS page: doctype, head with the charset, navigation, breadcrumb, the report in a content div
 * with the official tables (label cells spanning rows and columns, labels split by `<br>` and Word's
 * `<span>` runs, `&nbsp;` in empty cells), links to neighbouring reports, and a footer with ICP numbers
 * and scripts. Every text from the record is escaped.
 */
import type { ReportRecord } from '../../record/index.ts';
import { escapeHtml as h } from '../../render/escape.ts';
import type { GridCell } from '../../render/official-grid.ts';
import { gridToHtml } from '../../render/official-html.ts';
import { chooseStyle, composeReport } from '../compose.ts';
import type { Rng } from '../rng.ts';
import { siteChrome } from './chrome.ts';
import type { Layout, LayoutContext } from './types.ts';

type Markup = 'plain' | 'word';

/** Word splits a line into runs at arbitrary places; each run becomes a `<span>`. */
function runs(rng: Rng, line: string, wrap: (text: string) => string): string {
  const chars = [...line];
  if (chars.length < 4 || rng.chance(0.6)) return wrap(h(line));
  const cut = rng.int(1, chars.length - 1);
  return wrap(h(chars.slice(0, cut).join(''))) + wrap(h(chars.slice(cut).join('')));
}

function cellContent(rng: Rng, markup: Markup, lineBreak: 'br' | 'p', empty: string) {
  const font = rng.pick(['宋体', '仿宋_GB2312', '微软雅黑']);
  const spanStyle = rng.chance(0.3) ? ` style="font-family:${font}"` : '';
  return (cell: GridCell): string => {
    if (cell.text === '') return empty;
    const lines = cell.text.split('\n').filter((l) => l !== '');
    if (markup === 'plain') return lines.map(h).join('<br>');
    const span = (t: string) => `<span${spanStyle}>${t}</span>`;
    const align = cell.role === 'label' ? '' : ' align="center"';
    if (lineBreak === 'p') return lines.map((l) => `<p${align}>${runs(rng, l, span)}</p>`).join('');
    return `<p${align}>${lines.map((l) => runs(rng, l, span)).join('<br>')}</p>`;
  };
}

function curlyEntities(html: string): string {
  return html.replace(/“/g, '&ldquo;').replace(/”/g, '&rdquo;');
}

function render(record: ReportRecord, { rng, encoding }: LayoutContext): string {
  const style = chooseStyle(rng, {
    meta: 3,
    breaks: [
      ['none', 2],
      ['manual', 3],
      ['narrow', 1],
    ],
  });
  const chrome = siteChrome(record, rng);
  const markup: Markup = rng.chance(0.5) ? 'word' : 'plain';
  const entities = rng.chance(0.3);
  const esc = (t: string) => (entities ? curlyEntities(h(t)) : h(t));
  const content = cellContent(
    rng,
    markup,
    rng.chance(0.5) ? 'br' : 'p',
    rng.pick(['&nbsp;', '', '<p>&nbsp;</p>']),
  );
  const tableAttributes = rng.pick([
    'border="1" cellspacing="0" cellpadding="0" width="100%"',
    'class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;border:none"',
    'style="width:100%;border-collapse:collapse" border="1"',
  ]);
  const cellAttributes = rng.chance(0.3) ? () => 'valign="middle"' : undefined;
  const paragraphStyle = rng.pick([
    'text-indent:2em;',
    'text-indent:32px;line-height:2em;',
    'text-indent:2em;font-family:仿宋_GB2312;font-size:16px;',
  ]);
  const heading = rng.pick([
    (t: string) => `<p style="${paragraphStyle}"><strong>${esc(t)}</strong></p>`,
    (t: string) => `<h3>${esc(t)}</h3>`,
    (t: string) =>
      `<p class="MsoNormal" style="${paragraphStyle}"><b><span style="font-family:黑体">${esc(t)}</span></b></p>`,
  ]);

  const body: string[] = [];
  let title = '';
  let info = '';
  for (const part of composeReport(record, style, rng)) {
    switch (part.kind) {
      case 'title':
        title = part.lines.join('');
        body.push(`<h1 class="article-title">${part.lines.map(esc).join('<br>')}</h1>`);
        break;
      case 'meta':
        info = part.lines.map((l) => `<span>${esc(l)}</span>`).join('');
        break;
      case 'heading':
        body.push(heading(part.text));
        break;
      case 'paragraph':
        body.push(`<p style="${paragraphStyle}">${esc(part.text)}</p>`);
        break;
      case 'table': {
        const table = gridToHtml(part.grid, { cellContent: content, tableAttributes, cellAttributes });
        body.push(rng.chance(0.5) ? `<div align="center">${table}</div>` : table);
        break;
      }
      case 'signature':
        body.push(...part.lines.map((l) => `<p style="text-align:right">${esc(l)}</p>`));
        break;
    }
  }
  if (info === '' || rng.chance(0.5))
    info += `<span>浏览次数：<script>document.write(${rng.int(10, 9000)})</script></span>`;

  const charset =
    encoding === 'gb18030' ? rng.pick(['gb2312', 'GBK', 'gb18030']) : rng.pick(['utf-8', 'UTF-8']);
  const metaCharset = rng.chance(0.5)
    ? `<meta charset="${charset}">`
    : `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;
  const [home, column, leaf] = chrome.breadcrumb;
  const portal = h(chrome.owner.replace(/人民政府$/, ''));
  const neighbours = chrome.neighbours.map(
    (n) => `<li><a href="./t${rng.int(10000000, 99999999)}.html">${h(n)}</a></li>`,
  );

  // The article (`<h1>` and body): the report itself; all around it is the portal's page chrome.
  const article = [
    '<div class="article">',
    body[0]?.startsWith('<h1') ? body.shift() : '',
    `<div class="article-info">${info}<span class="font-size">【字体：<a href="javascript:void(0)">大</a> <a href="javascript:void(0)">中</a> <a href="javascript:void(0)">小</a>】</span></div>`,
    `<div class="article-content" id="zoom"><div class="TRS_Editor">${body.join('\n')}</div></div>`,
    '<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a><a href="javascript:window.close()">【关闭窗口】</a></div>',
    neighbours.length ? `<ul class="neighbours">${neighbours.join('')}</ul>` : '',
    '</div>',
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    metaCharset,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}_${h(chrome.siteName)}</title>`,
    `<meta name="keywords" content="${h(title)}">`,
    '<link rel="stylesheet" href="/static/css/common.css">',
    '<style>.article-content table{margin:0 auto}.article-content td{font-size:14px;line-height:24px}</style>',
    '<script src="/static/js/jquery.min.js"></script>',
    '</head>',
    '<body>',
    `<div class="top-bar"><a href="/">${h(chrome.siteName)}</a> <a href="/wza/">无障碍</a> <a href="/zzms/">长者模式</a></div>`,
    `<div class="header"><div class="logo"><img src="/static/images/logo.png" alt="${h(chrome.owner)}"></div>`,
    `<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/zj/">走进${portal}</a></li></ul></div>`,
    `<div class="breadcrumb">您当前的位置：<a href="/">${h(home!)}</a> &gt; <a href="/zwgk/">${h(column!)}</a> &gt; <a href="/zwgk/ndbg/">${h(leaf!)}</a></div>`,
    ...article,
    '<div class="footer">',
    `<p>${chrome.footer.slice(0, -3).map(h).join(' ')}</p>`,
    `<p><a href="https://beian.miit.gov.cn/" target="_blank">${h(chrome.icp)}</a> <a href="http://www.beian.gov.cn/portal/registerSystemInfo" target="_blank">${h(chrome.police)}</a> 网站标识码：${h(chrome.siteCode)}</p>`,
    '</div>',
    `<script>var _hmt = _hmt || [];(function(){var hm = document.createElement("script");hm.src = "https://hm.baidu.com/hm.js?${rng.int(100000, 999999)}";var s = document.getElementsByTagName("script")[0];s.parentNode.insertBefore(hm, s);})();</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}

export const html: Layout = { family: 'html', extension: 'html', render };
