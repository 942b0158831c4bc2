import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { readSource } from '../src/sources/index.ts';
import { sniff } from '../src/sources/sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))),
  );

/** A stored (uncompressed) ZIP with empty entries: enough for the central directory to be read. */
function zipOf(names: string[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const n = Buffer.from(name, 'latin1');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, n);
    offset += 30 + n.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

test('magic bytes decide binary formats, whatever the name says', () => {
  assert.equal(sniff(bytes('%PDF-1.7\n%âãÏÓ\n'), 'report.pdf'), 'pdf');
  assert.equal(sniff(bytes('%PDF-1.4\n'), 'report.txt'), 'pdf');
  assert.equal(sniff(bytes('HTTP/1.1 200 OK\r\n\r\n%PDF-1.4\n'), 'download'), 'pdf');
  assert.equal(sniff(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'report.doc'), 'ole');
  assert.equal(sniff(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'report.wps'), 'ole');
  assert.equal(sniff(bytes('{\\rtf1\\ansi\\ansicpg936 报告}'), 'report.doc'), 'rtf');
});

test('a ZIP is DOCX only when word/document.xml is among its entries', () => {
  const docx = zipOf(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']);
  assert.equal(sniff(docx, 'report.docx'), 'docx');
  assert.equal(sniff(docx, 'report.zip'), 'docx', 'content wins over the extension');
  assert.equal(sniff(zipOf(['xl/workbook.xml', '[Content_Types].xml']), 'report.docx'), 'zip');
  assert.equal(sniff(zipOf(['2021年报.txt']), 'reports.zip'), 'zip');
});

test('images by their signatures', () => {
  assert.equal(
    sniff(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'scan.png'),
    'image',
  );
  assert.equal(sniff(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'scan.txt'), 'image');
  assert.equal(sniff(bytes('GIF89a', [1, 0, 1, 0]), 'scan.gif'), 'image');
  assert.equal(sniff(bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]), 'scan.tif'), 'image');
  assert.equal(sniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '), 'scan.webp'), 'image');
});

test('HTML by its opening tag, after BOM, whitespace, comments and an XML declaration', () => {
  assert.equal(sniff(bytes('<!DOCTYPE html><html><body>报告</body></html>'), 'a.txt'), 'html');
  assert.equal(sniff(bytes([0xef, 0xbb, 0xbf], '\n  <html lang="zh">'), 'a'), 'html');
  assert.equal(sniff(bytes('<!-- saved from url=(0042)http://example.gov.cn/ -->\n<HTML>'), 'a'), 'html');
  assert.equal(
    sniff(
      bytes('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">'),
      'a',
    ),
    'html',
  );
  assert.equal(sniff(bytes('<meta charset="gb2312"><p>一、总体情况</p>'), 'a'), 'html');
  assert.equal(sniff(bytes('<table border=1><tr><td>规章</td></tr></table>'), 'a'), 'html');
  assert.equal(sniff(bytes('<div class="content"><p>报告</p></div>'), 'a'), 'html');
  assert.equal(sniff(bytes('<p>报告</p>'), 'a'), 'html');
});

test('HTML after a crawler preamble, and a Word page saved as .doc', () => {
  const crawled = bytes(
    'URL: http://www.example.gov.cn/xxgk/2022/0120.html\nFetched: 2022-01-21\n\n<html><head>',
  );
  assert.equal(sniff(crawled, 'page.txt'), 'html');
  const wordHtml = bytes(
    '<html xmlns:o="urn:schemas-microsoft-com:office:office">\n<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">',
  );
  assert.equal(sniff(wordHtml, 'report.doc'), 'html');
});

test('GBK HTML and UTF-16 HTML are HTML too', () => {
  const gbk = new Uint8Array(
    readFileSync(new URL('../fixtures/reports/html-2021-gbk-cms-page/report.html', import.meta.url)),
  );
  assert.equal(sniff(gbk, 'cms-report.html'), 'html');
  const utf16 = new Uint8Array(
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<html><body>报告</body></html>', 'utf16le')]),
  );
  assert.equal(sniff(utf16, 'page.htm'), 'html');
});

test('plain text, including a report with a lying .pdf or .html name', () => {
  const report = bytes('孝义市振兴街道办事处2020年政府信息公开工作年度报告\n\n一、总体情况\n');
  assert.equal(sniff(report, 'report.txt'), 'text');
  assert.equal(sniff(report, 'report.pdf'), 'text');
  assert.equal(
    sniff(report, 'report.html'),
    'text',
    'no markup at all: the .html name does not make it HTML',
  );
  assert.equal(sniff(bytes('规章\t0\t0\t0\n'), 'table.txt'), 'text');
  assert.equal(sniff(bytes('a < b and c > d\n'), 'notes.txt'), 'text');
  const utf16 = Buffer.from('一、总体情况\n2021年，我局主动公开政府信息426条。\n', 'utf16le');
  assert.equal(sniff(new Uint8Array(utf16), 'report.txt'), 'text');
});

test('the extension breaks ties: a bare .html fragment with inline tags only', () => {
  const fragment = bytes('一、总体情况<br>2021年，我局……<span>规章</span>');
  assert.equal(sniff(fragment, 'fragment.html'), 'html');
  assert.equal(sniff(fragment, 'fragment.txt'), 'text');
});

test('empty and binary', () => {
  assert.equal(sniff(new Uint8Array(), 'a.txt'), 'empty');
  assert.equal(sniff(bytes(' \r\n\t'), 'a.html'), 'empty');
  assert.equal(sniff(bytes([0xef, 0xbb, 0xbf]), 'a.txt'), 'empty');
  assert.equal(
    sniff(
      bytes([0x00, 0x13, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x7f, 0x00]),
      'a.txt',
    ),
    'binary',
  );
  assert.equal(
    sniff(bytes([0x42, 0x4d, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x36, 0x00]), 'scan.bmp'),
    'image',
    'unknown binary named as an image',
  );
});

test('readSource routes by the sniffed kind and refuses the rest with one clear line', async () => {
  assert.equal((await readSource(bytes('<p>一、总体情况</p>'), 'a.txt')).kind, 'html');
  assert.equal((await readSource(bytes('一、总体情况\n'), 'a.html')).kind, 'text');
  const refusals: [Uint8Array, string, string][] = [
    [zipOf(['a.txt']), 'input.zip', '压缩包不是报告文件，请先解压'],
    [bytes([0xff, 0xd8, 0xff, 0xe0]), 'input.image', '图片文件，需要 OCR 识别文字后才能读取'],
    [bytes([0, 1, 2, 0, 0, 0, 5, 0, 0, 9, 0]), 'input.binary', '不是文本文件（二进制内容）'],
    [new Uint8Array(), 'input.empty', '文件为空'],
  ];
  for (const [input, code, zh] of refusals) {
    await assert.rejects(
      readSource(input, 'file'),
      (e: unknown) =>
        e instanceof UnusableInputError && e.code === code && e.zh === zh && /^[\x20-\x7e]+$/.test(e.en),
      code,
    );
  }
});
