/**
 * Character references (&nbsp; &#12288; …) for the fast HTML parser. Only the references that
 * report pages use are known here; text with any other named reference is handed to parse5,
 * which knows them all (see light-parser.ts).
 */

/** Latin-1 names, U+00A0…U+00FF in order: HTML also accepts these without the semicolon. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Names accepted without a semicolon (the "legacy" references of the HTML spec). */
const LEGACY = new Map<string, string>([
  ['amp', '&'],
  ['AMP', '&'],
  ['lt', '<'],
  ['LT', '<'],
  ['gt', '>'],
  ['GT', '>'],
  ['quot', '"'],
  ['QUOT', '"'],
  ['COPY', '\u00a9'],
  ['REG', '\u00ae'],
  ...LATIN1.split(' ').map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
]);

/** Names that need their semicolon; the ones Chinese report pages actually carry. */
const WITH_SEMICOLON = new Map<string, string>([
  ['apos', "'"],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['sbquo', '\u201a'],
  ['bdquo', '\u201e'],
  ['mdash', '\u2014'],
  ['ndash', '\u2013'],
  ['hellip', '\u2026'],
  ['bull', '\u2022'],
  ['trade', '\u2122'],
  ['euro', '\u20ac'],
  ['permil', '\u2030'],
  ['prime', '\u2032'],
  ['Prime', '\u2033'],
  ['lsaquo', '\u2039'],
  ['rsaquo', '\u203a'],
  ['ensp', '\u2002'],
  ['emsp', '\u2003'],
  ['thinsp', '\u2009'],
  ['zwnj', '\u200c'],
  ['zwj', '\u200d'],
  ['lrm', '\u200e'],
  ['rlm', '\u200f'],
  ['hyphen', '\u2010'],
  ['dagger', '\u2020'],
  ['Dagger', '\u2021'],
  ['larr', '\u2190'],
  ['uarr', '\u2191'],
  ['rarr', '\u2192'],
  ['darr', '\u2193'],
  ['harr', '\u2194'],
  ['minus', '\u2212'],
  ['le', '\u2264'],
  ['ge', '\u2265'],
  ['ne', '\u2260'],
  ['asymp', '\u2248'],
  ['infin', '\u221e'],
  ['radic', '\u221a'],
  ['sum', '\u2211'],
  ['circ', '\u02c6'],
  ['tilde', '\u02dc'],
  ['nbsp', '\u00a0'],
]);

/** Windows-1252 meanings the HTML spec gives to numeric references &#128;…&#159;. */
const C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const REFERENCE = /&(?:#([0-9]+);?|#[xX]([0-9a-fA-F]+);?|([a-zA-Z][a-zA-Z0-9]*)(;?))/g;

/**
 * Decodes text content; null when it holds a named reference this table does not know. Reads the references
 * as REFERENCE does (`&#65;`, `&#x41`, `&name;`, `&name`), by hand: report pages put a few in long
 * paragraphs, where a replacement callback per reference cost more than the scan.
 */
export function decodeCharacterReferences(text: string): string | null {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  // text[copied, amp) is still to be copied to `out`.
  let copied = 0;
  while (amp !== -1) {
    let value: string | undefined;
    let end = amp;
    const first = text.charCodeAt(amp + 1);
    if (first === 0x23 /* # */) {
      let i = amp + 2;
      if (isDigit(text.charCodeAt(i))) {
        while (isDigit(text.charCodeAt(i))) i++;
        value = numeric(parseInt(text.slice(amp + 2, i), 10));
        end = i;
      } else if ((text.charCodeAt(i) | 0x20) === 0x78 /* x or X */ && isHexDigit(text.charCodeAt(i + 1))) {
        i++;
        while (isHexDigit(text.charCodeAt(i))) i++;
        value = numeric(parseInt(text.slice(amp + 3, i), 16));
        end = i;
      }
      if (value !== undefined && text.charCodeAt(end) === 0x3b /* ; */) end++;
    } else if (isAsciiLetter(first)) {
      let i = amp + 2;
      while (isAsciiLetter(text.charCodeAt(i)) || isDigit(text.charCodeAt(i))) i++;
      const name = text.slice(amp + 1, i);
      if (text.charCodeAt(i) === 0x3b /* ; */) {
        value = WITH_SEMICOLON.get(name) ?? LEGACY.get(name);
        if (value === undefined) return null;
        end = i + 1;
      } else {
        value = LEGACY.get(name);
        end = i;
        // "&copyright" means "©right" in HTML; leave such prefix matches to the full parser.
        if (value === undefined)
          for (let k = name.length - 1; k >= 2; k--) if (LEGACY.has(name.slice(0, k))) return null;
      }
    }
    if (value === undefined) amp = text.indexOf('&', amp + 1);
    else {
      out += text.slice(copied, amp) + value;
      copied = end;
      amp = text.indexOf('&', end);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Attribute values: only references with a semicolon, and an unknown one stays as written
 * (a URL's "&copy=2" is not a copyright sign). Attribute values never reach the document text.
 */
export function decodeAttributeValue(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(REFERENCE, (whole, dec?: string, hex?: string, name?: string, semicolon?: string) => {
    if (name === undefined) return numeric(dec !== undefined ? parseInt(dec, 10) : parseInt(hex!, 16));
    return (semicolon ? (WITH_SEMICOLON.get(name) ?? LEGACY.get(name)) : undefined) ?? whole;
  });
}

function numeric(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code))
    return '\ufffd';
  if (code >= 0x80 && code <= 0x9f) return C1[code - 0x80]!;
  return String.fromCodePoint(code);
}
