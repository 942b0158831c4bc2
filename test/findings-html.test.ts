/**
 * The review outputs rendered from hand-made records: the HTML page escapes everything a report
 * supplies, and the text output cannot be used to drive a terminal.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { finding, type Finding } from '../src/diagnostics/index.ts';
import type { ReportRecord } from '../src/record/index.ts';
import { renderFindingsHtml } from '../src/render/findings-html.ts';
import { renderFindingsText, type CheckItem } from '../src/render/findings-text.ts';
import { escapeHtml } from '../src/render/escape.ts';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';

function record(overrides: Partial<ReportRecord> = {}): ReportRecord {
  return {
    schema: 'xxgk/report@1',
    agency: '孝义市振兴街道办事处',
    agencyKind: 'subdistrict',
    year: 2020,
    period: { from: '2020-01-01', to: '2020-12-31' },
    format: '2019',
    publishedOn: '2021-01-28',
    sections: [],
    tables: { active: {}, requests: {}, reviews: {} },
    source: { name: 'r.txt', kind: 'text', sha256: '0', url: null },
    ...overrides,
  };
}

const findings: Finding[] = [
  finding('requests.outcomeSum', 'error', '表三 第（七）项总计 自然人列：各办理结果之和为 26，但填报为 20', {
    cells: ['requests.processedTotal.naturalPerson', 'requests.granted.naturalPerson'],
    expected: 26,
    actual: 20,
  }),
  finding('text.requests', 'warning', `正文所述申请数与表三不符${XSS}`, {
    text: { section: 1, quote: `共收到政府信息公开申请3件${XSS}` },
  }),
  finding('cell.unitAssumed', 'info', '采购总金额未写单位，按万元读取', { cells: [`active.${XSS}`] }),
];

const items: CheckItem[] = [
  { ok: true, file: `reports/${XSS}.html`, record: record({ agency: XSS }), findings, messages: [] },
  { ok: true, file: 'reports/clean.txt', record: record(), findings: [], messages: [] },
  { ok: false, file: `reports/${XSS}.txt`, error: { zh: `文件为空${XSS}`, en: 'empty file' } },
];

describe('escapeHtml', () => {
  test('escapes markup and quotes, drops control characters', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&</a>\u0000`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    assert.equal(escapeHtml(null), '');
  });
});

describe('renderFindingsHtml', () => {
  const page = renderFindingsHtml(items);

  test('is one self-contained page without script', () => {
    assert.ok(page.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">'));
    assert.equal(page.match(/<html[\s>]/g)?.length, 1);
    assert.match(page, /<style>/);
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|@import|url\(/i);
    assert.match(page, /Content-Security-Policy/);
  });

  test('everything from the report is escaped', () => {
    const escaped = escapeHtml(XSS);
    assert.ok(page.includes(`<h2 id="r1-h">${escaped}</h2>`), 'agency');
    assert.ok(page.includes(`reports/${escaped}.html`), 'file name');
    assert.ok(page.includes(`共收到政府信息公开申请3件${escaped}`), 'quote');
    assert.ok(page.includes(`文件为空${escaped}`), 'reason a file was unreadable');
    assert.ok(page.includes(`active.${escaped}`), 'a cell id the catalogue does not know');
    assert.doesNotMatch(page, /onerror=alert\(2\)>/);
  });

  test('summary first, then a section per report with badges that do not rely on colour', () => {
    const summary = page.indexOf('共检查 3 份报告（1 份无法读取）：错误 1 项，警告 1 项，提示 1 项');
    assert.ok(summary > 0 && summary < page.indexOf('id="r1"'));
    assert.match(page, /<span aria-hidden="true">✖<\/span> 错误<\/span>/);
    assert.match(page, /<span aria-hidden="true">▲<\/span> 警告<\/span>/);
    assert.match(page, /<span aria-hidden="true">●<\/span> 提示<\/span>/);
    assert.match(page, /✔ 未发现问题/);
    assert.match(page, /id="unreadable"/);
  });

  test('cells are named as the report prints them, quotes carry their section', () => {
    assert.match(page, /<li>表三 （七）总计 自然人列<\/li>/);
    assert.match(page, /<cite>一、总体情况<\/cite>/);
    assert.match(page, /应为 26，填报为 20/);
  });
});

describe('renderFindingsText', () => {
  test('groups findings under a header per report and ends with the summary', () => {
    const text = renderFindingsText(items.slice(1, 2).concat(items[0]!), { color: false });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines[0], '■ reports/clean.txt｜孝义市振兴街道办事处｜2020 年度｜2019 版表格');
    assert.equal(lines[1], '  ✔ 未发现问题');
    assert.match(text, /^ {2}✖ 错误 {2}表三 第（七）项总计 自然人列：.* \[requests\.outcomeSum\]$/m);
    assert.match(
      text,
      /^ {6}单元格：表三 （七）总计 自然人列；表三 三、本年度办理结果 （一）予以公开 自然人列$/m,
    );
    assert.match(text, /^ {6}原文（一、总体情况）：「共收到政府信息公开申请3件<script>/m);
    assert.equal(lines.at(-1), '共检查 2 份报告（0 份无法读取）：错误 1 项，警告 1 项，提示 1 项');
    assert.doesNotMatch(text, /\u001b/);
  });

  test('escape sequences and line breaks from a report cannot reach the terminal', () => {
    const evil = record({ agency: '某局\u001b[2J\u001b]0;pwned\u0007\n伪造行' });
    const text = renderFindingsText([{ ok: true, file: 'x.txt', record: evil, findings: [], messages: [] }], {
      color: false,
    });
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    assert.match(text, /^■ x\.txt｜某局 \[2J ]0;pwned 伪造行｜/m);
  });

  test('colours only when asked', () => {
    const text = renderFindingsText(items.slice(0, 1), { color: true });
    assert.match(text, /\u001b\[1;31m✖ 错误\u001b\[0m/);
  });
});
