/**
 * Findings of a batch of checked reports → one self-contained HTML page for a reviewer (`xxgk check --format html`).
 * No external assets and no script: it opens offline and reads the same with JavaScript off.
 * Everything taken from a report goes through `escapeHtml`: reports are hostile input.
 */
import { SEVERITY_LABEL, type Finding, type Severity } from '../diagnostics/index.ts';
import type { ReportRecord } from '../record/index.ts';
import { escapeHtml as h } from './escape.ts';
import {
  agencyLabel,
  cellLabel,
  countBySeverity,
  formatLabel,
  sectionLabel,
  SEVERITIES,
  SEVERITY_MARK,
  summaryLine,
  tally,
  yearLabel,
  type CheckItem,
  type CheckedItem,
  type UnreadableItem,
} from './findings-text.ts';

export interface HtmlOptions {
  /** Page title; defaults to 「政府信息公开工作年度报告 体检结果」. */
  title?: string;
}

// Badge colours all reach at least 7:1 against their text; each badge also carries a shape and a word.
const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem 1rem 3rem; font: 16px/1.65 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #111; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.2rem; margin: 0; }
a { color: #0b3d91; }
code { font-family: ui-monospace, SFMono-Regular, Consolas, monospace; font-size: .85em; overflow-wrap: anywhere; }
.summary { border: 2px solid #111; padding: .75rem 1rem; margin: 1rem 0 1.5rem; }
.summary p { margin: 0 0 .5rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #666; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.badge { display: inline-block; min-width: 4.2em; padding: 0 .45em; border: 2px solid; border-radius: .25rem; font-weight: 700; font-size: .85rem; line-height: 1.5; white-space: nowrap; text-align: center; }
.badge-error { background: #8b0000; border-color: #8b0000; color: #fff; }
.badge-warning { background: #ffd400; border-color: #111; color: #111; }
.badge-info { background: #fff; border-color: #0b3d91; color: #0b3d91; }
.badge-unreadable { background: #111; border-color: #111; color: #fff; }
.report { border-top: 3px solid #111; padding: 1rem 0 .5rem; }
.meta { margin: .25rem 0 .75rem; color: #333; }
.findings { list-style: none; padding: 0; margin: 0; }
.finding { border-left: 6px solid #666; padding: .4rem .75rem; margin: 0 0 .6rem; background: #fafafa; }
.finding-error { border-left-color: #8b0000; }
.finding-warning { border-left-color: #b58900; }
.finding-info { border-left-color: #0b3d91; }
.finding .rule { color: #444; }
.finding ul { margin: .25rem 0; padding-left: 1.25rem; }
.label { font-weight: 600; }
blockquote { margin: .35rem 0; padding: .25rem .75rem; border-left: 3px solid #999; background: #fff; }
blockquote cite { display: block; font-style: normal; font-size: .85rem; color: #333; }
.ok { font-weight: 600; }
.notes { color: #333; font-size: .9rem; }
@media print { body { max-width: none; } .report { break-inside: avoid-page; } a { color: inherit; text-decoration: none; } }
`;

function badge(severity: Severity): string {
  return `<span class="badge badge-${severity}"><span aria-hidden="true">${SEVERITY_MARK[severity]}</span> ${SEVERITY_LABEL[severity]}</span>`;
}

function findingHtml(record: ReportRecord, f: Finding): string {
  const parts = [
    `<li class="finding finding-${f.severity}">`,
    `${badge(f.severity)} <span class="message">${h(f.message)}</span> <code class="rule">${h(f.rule)}</code>`,
  ];
  const cells = f.cells ?? [];
  if (cells.length > 0) {
    parts.push(
      `<div class="cells"><span class="label">涉及单元格（${cells.length} 个）：</span><ul>` +
        cells.map((id) => `<li>${h(cellLabel(record, id))}</li>`).join('') +
        '</ul></div>',
    );
  }
  if (f.text) {
    parts.push(
      `<blockquote><cite>${h(sectionLabel(f.text.section))}</cite>「${h(f.text.quote)}」</blockquote>`,
    );
  }
  if (f.expected !== undefined || f.actual !== undefined) {
    const nums = [];
    if (f.expected !== undefined) nums.push(`应为 ${h(f.expected)}`);
    if (f.actual !== undefined) nums.push(`填报为 ${h(f.actual)}`);
    parts.push(`<div class="numbers">${nums.join('，')}</div>`);
  }
  parts.push('</li>');
  return parts.join('\n');
}

function reportSection(item: CheckedItem, id: string): string {
  const r = item.record;
  const counts = countBySeverity(item.findings);
  const body =
    item.findings.length === 0
      ? '<p class="ok">✔ 未发现问题</p>'
      : `<ol class="findings">\n${item.findings.map((f) => findingHtml(r, f)).join('\n')}\n</ol>`;
  const notes =
    item.messages.length === 0
      ? ''
      : `<div class="notes"><p class="label">识别说明（不计入问题）</p><ul>${item.messages
          .map((m) => `<li>${h(m.message)}</li>`)
          .join('')}</ul></div>`;
  return `<section class="report" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">${h(agencyLabel(r))}</h2>
<p class="meta">${h(yearLabel(r))} · ${h(formatLabel(r))} · 文件 <code>${h(item.file)}</code><br>
${SEVERITIES.map((s) => `${badge(s)} ${counts[s]} 项`).join('　')}</p>
${body}
${notes}
</section>`;
}

function summaryTable(items: readonly CheckItem[]): string {
  const rows = items.map((item, i) => {
    const id = `r${i + 1}`;
    if (!item.ok) {
      return `<tr><td><a href="#unreadable">${h(item.file)}</a></td><td colspan="3"><span class="badge badge-unreadable">✖ 无法读取</span></td><td class="n">–</td><td class="n">–</td><td class="n">–</td></tr>`;
    }
    const c = countBySeverity(item.findings);
    const r = item.record;
    return `<tr><td><a href="#${id}">${h(item.file)}</a></td><td>${h(agencyLabel(r))}</td><td>${h(yearLabel(r))}</td><td>${h(formatLabel(r))}</td><td class="n">${c.error}</td><td class="n">${c.warning}</td><td class="n">${c.info}</td></tr>`;
  });
  return `<table>
<thead><tr><th scope="col">文件</th><th scope="col">报告主体</th><th scope="col">年度</th><th scope="col">表格</th><th scope="col">${badge('error')}</th><th scope="col">${badge('warning')}</th><th scope="col">${badge('info')}</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function unreadableSection(items: readonly UnreadableItem[]): string {
  if (items.length === 0) return '';
  return `<section class="report" id="unreadable" aria-labelledby="unreadable-h">
<h2 id="unreadable-h">无法读取的文件（${items.length} 个）</h2>
<ul>
${items.map((u) => `<li><code>${h(u.file)}</code>：${h(u.error.zh)}（${h(u.error.en)}）</li>`).join('\n')}
</ul>
</section>`;
}

/** The whole page: summary and index first, then one section per readable report, then unreadable files. */
export function renderFindingsHtml(items: readonly CheckItem[], options: HtmlOptions = {}): string {
  const title = options.title ?? '政府信息公开工作年度报告 体检结果';
  const t = tally(items);
  const sections = items.flatMap((item, i) => (item.ok ? [reportSection(item, `r${i + 1}`)] : []));
  const unreadable = items.filter((item): item is UnreadableItem => !item.ok);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${h(title)}</h1>
<div class="summary" role="region" aria-label="汇总">
<p>${h(summaryLine(t))}</p>
${items.length > 0 ? summaryTable(items) : ''}
</div>
</header>
<main>
${sections.join('\n')}
${unreadableSection(unreadable)}
</main>
</body>
</html>
`;
}
