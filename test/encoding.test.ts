import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { UnusableInputError } from '../src/diagnostics/index.ts';
import { decodeText, decodeUtf8 } from '../src/sources/encoding.ts';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/encoding/${name}`, import.meta.url)));

const REPORT = '二、主动公开政府信息情况\n规章\t0\t0\t0\n行政规范性文件\t3\t1\t12\n';
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const utf16le = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const rules = (messages: { rule: string }[]) => messages.map((m) => m.rule);

function assertUnusable(run: () => unknown, code: string, zh: string) {
  assert.throws(run, (e: unknown) => {
    assert.ok(e instanceof UnusableInputError);
    assert.equal(e.code, code);
    assert.equal(e.zh, zh);
    assert.match(e.en, /^[\x20-\x7e]+$/, 'English twin is plain ASCII');
    return true;
  });
}

test('UTF-8 without BOM decodes as is, with no message', () => {
  const decoded = decodeText(utf8(REPORT));
  assert.equal(decoded.text, REPORT);
  assert.equal(decoded.encoding, 'utf-8');
  assert.deepEqual(decoded.messages, []);
});

test('UTF-8 BOM is stripped; line endings are left alone so offsets stay true', () => {
  const text = REPORT.replace(/\n/g, '\r\n');
  const decoded = decodeText(concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text)));
  assert.equal(decoded.text, text);
  assert.equal(decoded.encoding, 'utf-8');
});

test('UTF-16LE and UTF-16BE with BOM', () => {
  const le = decodeText(concat(new Uint8Array([0xff, 0xfe]), utf16le(REPORT)));
  assert.equal(le.text, REPORT);
  assert.equal(le.encoding, 'utf-16le');
  const be = decodeText(concat(new Uint8Array([0xfe, 0xff]), utf16be(REPORT)));
  assert.equal(be.text, REPORT);
  assert.equal(be.encoding, 'utf-16be');
});

test('UTF-16 without BOM is recognised by its NUL pattern', () => {
  const le = decodeText(utf16le(REPORT));
  assert.equal(le.text, REPORT);
  assert.equal(le.encoding, 'utf-16le');
  const be = decodeText(utf16be(REPORT));
  assert.equal(be.text, REPORT);
  assert.equal(be.encoding, 'utf-16be');
});

test('GBK bytes decode as GB18030 and say so', () => {
  const decoded = decodeText(fixture('report-gbk.txt'));
  assert.equal(decoded.text, REPORT);
  assert.equal(decoded.encoding, 'gb18030');
  assert.deepEqual(rules(decoded.messages), ['read.encoding.detected']);
});

test('GB18030-only characters (four-byte, beyond GBK) decode exactly', () => {
  const decoded = decodeText(fixture('report-gb18030.txt'));
  assert.equal(decoded.text, '申请人：䶮𠮷，收费€12.5元\n本年新收政府信息公开申请数量\t2\n');
  assert.equal(decoded.encoding, 'gb18030');
});

test('a declared charset that agrees is honoured silently', () => {
  const gbk = decodeText(fixture('report-gbk.txt'), 'gb2312');
  assert.equal(gbk.text, REPORT);
  assert.deepEqual(gbk.messages, []);
  const ascii = decodeText(utf8('<p>2021</p>'), 'GBK');
  assert.equal(ascii.encoding, 'gbk', 'pure ASCII agrees with any ASCII-compatible declaration');
  assert.deepEqual(ascii.messages, []);
});

test('declared gb2312 but valid UTF-8 with CJK: UTF-8 wins, with an info message', () => {
  const decoded = decodeText(utf8(REPORT), 'gb2312');
  assert.equal(decoded.text, REPORT);
  assert.equal(decoded.encoding, 'utf-8');
  assert.deepEqual(rules(decoded.messages), ['read.encoding.overridden']);
  assert.equal(decoded.messages[0]!.severity, 'info');
});

test('declared utf-8 (or a Western charset) but GBK bytes: GB18030 wins, with an info message', () => {
  for (const declared of ['utf-8', 'iso-8859-1']) {
    const decoded = decodeText(fixture('report-gbk.txt'), declared);
    assert.equal(decoded.text, REPORT);
    assert.equal(decoded.encoding, 'gb18030');
    assert.deepEqual(rules(decoded.messages), ['read.encoding.overridden']);
  }
});

test('an unknown declared label is ignored', () => {
  const decoded = decodeText(utf8(REPORT), 'x-no-such-charset');
  assert.equal(decoded.text, REPORT);
  assert.deepEqual(decoded.messages, []);
});

test('a UTF-8 page with a GBK fragment decodes by the majority and warns', () => {
  const head = '一、总体情况\n'.repeat(20);
  const bytes = concat(
    utf8(head),
    fixture('report-gbk.txt').subarray(0, 12),
    utf8('\n三、收到和处理政府信息公开申请情况\n'),
  );
  const decoded = decodeText(bytes);
  assert.equal(decoded.encoding, 'utf-8');
  assert.ok(decoded.text.startsWith(head));
  assert.ok(decoded.text.endsWith('\n三、收到和处理政府信息公开申请情况\n'));
  assert.ok(decoded.text.includes('\ufffd'));
  assert.deepEqual(rules(decoded.messages), ['read.encoding.mixed']);
  assert.equal(decoded.messages[0]!.severity, 'warning');
});

test('a GBK file with a UTF-8 fragment decodes as GB18030 and warns', () => {
  const gbk = fixture('report-gbk.txt');
  const bytes = concat(gbk, gbk, gbk, utf8('二、主动公开政府信息情况'.repeat(6)));
  const decoded = decodeText(bytes);
  assert.equal(decoded.encoding, 'gb18030');
  assert.ok(decoded.text.startsWith(REPORT + REPORT + REPORT));
  assert.ok(rules(decoded.messages).includes('read.encoding.mixed'));
});

test('empty input: zero bytes, whitespace only, a BOM only, ideographic spaces only', () => {
  assertUnusable(() => decodeText(new Uint8Array()), 'input.empty', '文件为空');
  assertUnusable(() => decodeText(utf8(' \r\n\t \n')), 'input.empty', '文件为空');
  assertUnusable(() => decodeText(new Uint8Array([0xef, 0xbb, 0xbf])), 'input.empty', '文件为空');
  assertUnusable(() => decodeText(utf8('\u3000\u3000\n\u00a0')), 'input.empty', '文件为空');
});

test('binary garbage is refused: NUL bytes, control bytes, undecodable bytes', () => {
  const withNuls = concat(
    utf8('%%garbage'),
    new Uint8Array([0, 1, 0, 0, 0, 7, 0, 0, 3, 4, 0, 0, 0]),
    utf8('tail'),
  );
  assertUnusable(() => decodeText(withNuls), 'input.binary', '不是文本文件（二进制内容）');

  const controls = new Uint8Array(400).map((_, i) => (i % 3 === 0 ? 0x01 : 0x41));
  assertUnusable(() => decodeText(controls), 'input.binary', '不是文本文件（二进制内容）');

  // High bytes that are neither UTF-8 nor GB18030 (0x80 and 0xFF are never valid lead bytes).
  const undecodable = new Uint8Array(400).map((_, i) => (i % 2 === 0 ? 0x80 : 0xff));
  assertUnusable(() => decodeText(undecodable), 'input.binary', '不是文本文件（二进制内容）');
});

test('NUL padding at the end of a text file does not make it binary', () => {
  const decoded = decodeText(concat(utf8(REPORT), new Uint8Array(16)));
  assert.equal(decoded.text, REPORT);
});

test('decodeUtf8 (Office XML parts) gives what TextDecoder gives: valid text, a BOM dropped, U+FFFD for bad bytes', () => {
  const decoder = new TextDecoder('utf-8');
  const samples = [
    Buffer.from('<w:t>政府信息公开 2023 年度 𠀀</w:t>', 'utf8'),
    Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<?xml version="1.0"?><w:t>表三</w:t>', 'utf8'),
    ]),
    Buffer.concat([Buffer.from('<w:t>', 'utf8'), Buffer.from([0xe6, 0x94]), Buffer.from('</w:t>', 'utf8')]),
    Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]),
    Buffer.alloc(0),
  ];
  for (const bytes of samples) assert.equal(decodeUtf8(bytes), decoder.decode(bytes));
  assert.equal(decodeUtf8(samples[1]!).startsWith('<?xml'), true);
  assert.ok(decodeUtf8(samples[2]!).includes('\uFFFD'));
});
