/**
 * `/ToUnicode` CMaps (bfchar and bfrange, ranges with a start string or an array), read as pdf.js reads
 * them: destinations are UTF-16BE (surrogate pairs joined), a range increments its destination's last byte.
 * Anything else in the CMap that pdf.js would act on (`usecmap`, CID ranges) → Decline.
 */
import { ARRAY_END, ARRAY_START, EOF, Lexer } from './lexer.ts';
import { Keyword, decline } from './objects.ts';

/** Codes a ToUnicode CMap may map: two-byte codes at most here. */
const MAX_CODE = 0xffff;
const MAX_TOKENS = 2_000_000;

/** Character code → Unicode text. */
export type UnicodeMap = Map<number, string>;

export function parseToUnicode(data: Uint8Array): UnicodeMap {
  const lexer = new Lexer(data);
  const raw = new Map<number, string>();
  for (let tokens = 0; ; tokens++) {
    if (tokens > MAX_TOKENS) decline('CMap too long');
    const t = lexer.token();
    if (t === EOF) break;
    if (!(t instanceof Keyword)) continue;
    switch (t.word) {
      case 'beginbfchar':
        readBfChar(lexer, raw);
        break;
      case 'beginbfrange':
        readBfRange(lexer, raw);
        break;
      case 'usecmap':
      case 'begincidchar':
      case 'begincidrange':
      case 'beginnotdefrange':
        decline(`CMap ${t.word}`);
        break;
      case 'begincodespacerange':
        // Codes are read with the font's encoding; the ToUnicode codespace changes nothing pdf.js reads.
        skipTo(lexer, 'endcodespacerange');
        break;
      default:
        break;
    }
  }
  const map: UnicodeMap = new Map();
  for (const [code, token] of raw) map.set(code, utf16(token));
  return map;
}

function skipTo(lexer: Lexer, word: string): void {
  for (let i = 0; i < MAX_TOKENS; i++) {
    const t = lexer.token();
    if (t === EOF) decline('unterminated CMap section');
    if (t instanceof Keyword && t.word === word) return;
  }
  decline('CMap section too long');
}

function hexCode(t: unknown): number {
  if (typeof t !== 'string' || t.length === 0 || t.length > 4)
    return decline('CMap code is not a short string');
  let a = 0;
  for (let i = 0; i < t.length; i++) a = (a << 8) | t.charCodeAt(i);
  a >>>= 0;
  if (a > MAX_CODE) decline('CMap code above two bytes');
  return a;
}

function readBfChar(lexer: Lexer, map: Map<number, string>): void {
  for (let i = 0; i < MAX_TOKENS; i++) {
    const t = lexer.token();
    if (t instanceof Keyword && t.word === 'endbfchar') return;
    const src = hexCode(t);
    const dst = lexer.token();
    if (typeof dst !== 'string') decline('bfchar destination is not a string');
    map.set(src, dst);
  }
}

function readBfRange(lexer: Lexer, map: Map<number, string>): void {
  for (let i = 0; i < MAX_TOKENS; i++) {
    const t = lexer.token();
    if (t instanceof Keyword && t.word === 'endbfrange') return;
    let low = hexCode(t);
    const high = hexCode(lexer.token());
    const dst = lexer.token();
    if (typeof dst === 'string') {
      if (dst.length === 0) decline('empty bfrange destination');
      // pdf.js's mapBfRange, step for step.
      let dstLow = dst;
      const lastByte = dstLow.length - 1;
      while (low <= high) {
        map.set(low++, dstLow);
        const nextCharCode = dstLow.charCodeAt(lastByte) + 1;
        if (nextCharCode > 0xff) {
          dstLow =
            dstLow.substring(0, lastByte - 1) +
            String.fromCharCode(dstLow.charCodeAt(lastByte - 1) + 1) +
            '\x00';
          continue;
        }
        dstLow = dstLow.substring(0, lastByte) + String.fromCharCode(nextCharCode);
      }
    } else if (dst === ARRAY_START) {
      const array: string[] = [];
      for (;;) {
        const e = lexer.token();
        if (e === ARRAY_END) break;
        if (typeof e !== 'string') decline('bfrange array element is not a string');
        array.push(e);
        if (array.length > MAX_CODE + 1) decline('bfrange array too long');
      }
      let k = 0;
      while (low <= high && k < array.length) map.set(low++, array[k++]!);
    } else {
      decline('bfrange destination');
    }
  }
}

/** pdf.js's reading of a destination: UTF-16BE, a leading zero added to odd lengths, surrogates joined. */
function utf16(token: string): string {
  if (token.length % 2 !== 0) token = '\u0000' + token;
  const str: number[] = [];
  for (let k = 0; k < token.length; k += 2) {
    const w1 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
    if ((w1 & 0xf800) !== 0xd800) {
      str.push(w1);
      continue;
    }
    k += 2;
    const w2 = (token.charCodeAt(k) << 8) | token.charCodeAt(k + 1);
    str.push(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return String.fromCodePoint(...str);
}
