/**
 * A narrative section as the similarity check reads it: sentences, each normalised so that what every
 * year and every body changes anyway does not count. Removed: whitespace, punctuation, digits (so the
 * year, 「2020年」, and every figure), years written in Chinese numerals, the body's own name and the way
 * it calls itself (「我街道」「本局」), and list numbering (「二是」「（三）」) — so 「2020年，振兴街道…」 and
 * 「2021年，振兴街道…」, the same text under two bodies' names, or the same list in another order read
 * the same.
 * Sentences every report prints by rule (the statutory opening and statistical-period sentences, the
 * official headings, 「无其他需要报告的事项」) are dropped: they must not make two reports look alike.
 */
import { CATALOGUE, SECTIONS } from '../../record/index.ts';

/**
 * Where a sentence ends: full stops, semicolons and colons (so each item of 「存在一些不足：一是…；二是…」
 * is a sentence of its own) and line breaks.
 */
const BOUNDARY = /[^。！？!?；;：:\n]*(?:[。！？!?；;：:]|\n|$)/g;
/** 「二〇二〇年」: a year in Chinese numerals (digits in Arabic form go with every other digit). */
const CHINESE_YEAR = /[零〇○一二三四五六七八九]{4}年/g;
/** Every year of this century in Chinese numerals holds a zero (二〇二一): a cheap test before the pattern. */
const MAY_HOLD_CHINESE_YEAR = /[零〇○]/;

/** A piece this short ending in a colon is a label (「地址：」「电话：」): it stays with what follows. */
const LABEL_LENGTH = 8;
const COLON = /[：:]$/;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let label = '';
  for (const match of text.matchAll(BOUNDARY)) {
    const sentence = label + match[0].trim();
    if (sentence === '') continue;
    label = '';
    if (sentence.length <= LABEL_LENGTH && COLON.test(sentence)) label = sentence;
    else out.push(sentence);
  }
  if (label !== '') out.push(label);
  return out;
}

/** Words that end a body's name and that its own text often leaves out (「振兴街道」 for 振兴街道办事处). */
const NAME_SUFFIX = /(?:人民政府办公室|人民政府办公厅|人民政府|办事处)$/;
/** Units of the administrative hierarchy: the name after one of them is how the body calls itself. */
const PLACE_UNIT = /[省市州盟县区旗]/g;

/**
 * The ways a report names its own body, longest first: the full name, the name without its suffix, and
 * the name after each place prefix (「孝义市振兴街道办事处」 → 「孝义市振兴街道」, 「振兴街道」).
 */
export function nameVariants(agency: string | null): string[] {
  if (agency === null) return [];
  const name = agency.replace(/\s+/g, '');
  const variants = new Set<string>();
  const add = (v: string) => {
    if (v.length >= 3) variants.add(v);
  };
  add(name);
  const bare = name.replace(NAME_SUFFIX, '');
  add(bare);
  for (const match of bare.matchAll(PLACE_UNIT)) add(bare.slice(match.index + 1));
  return [...variants].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** A list item's number where a clause starts: 「二是」「（三）」「4、」「第五，」. */
const LIST_NUMBER =
  /(^|[，,：:；;。])\s*(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．]|第[一二三四五六七八九十]+[，,、])/g;
/** What every list number above holds: most sentences have none, and the pattern is slow to rule out. */
const MAY_HOLD_LIST_NUMBER = /[（(第]|[一二三四五六七八九十\d][是、.．]/;
/** How a body calls itself in its own report: 「我街道」「本局」「我委」 — it differs by kind, not by text. */
const SELF_REFERENCE =
  /[我本](?:街道办事处|街道办|街道|乡镇|乡|镇|区|县|市|州|旗|局|委|办|厅|署|院|所|站|中心|单位|机关|部门|政府)/g;
const MAY_HOLD_SELF_REFERENCE = /[我本]/;

export function normalise(sentence: string, names: readonly string[]): string {
  let text = sentence;
  for (const name of names) if (text.includes(name)) text = text.replaceAll(name, '');
  if (MAY_HOLD_LIST_NUMBER.test(text)) text = text.replace(LIST_NUMBER, '$1');
  if (MAY_HOLD_SELF_REFERENCE.test(text)) text = text.replace(SELF_REFERENCE, '');
  if (MAY_HOLD_CHINESE_YEAR.test(text)) text = text.replace(CHINESE_YEAR, '年');
  return lettersOnly(text);
}

/** Letters (\p{L}) and not, by UTF-16 code unit, each learnt from the regex the first time it is met. */
const LETTER = /^\p{L}$/u;
const UNKNOWN = 0;
const IS_LETTER = 1;
const NOT_LETTER = 2;
const letterClass = new Uint8Array(0x10000);

function isLetter(unit: number): boolean {
  let known = letterClass[unit]!;
  if (known === UNKNOWN) {
    known = LETTER.test(String.fromCharCode(unit)) ? IS_LETTER : NOT_LETTER; // a lone surrogate is not one
    letterClass[unit] = known;
  }
  return known === IS_LETTER;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * `text.replace(/[^\p{L}]+/gu, '')` in a loop over code units: the Unicode-aware regex was half the cost of
 * normalising. Runs of letters are copied whole; a surrogate pair is one code point, a letter or not.
 */
function lettersOnly(text: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    let width = 1;
    let letter: boolean;
    if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
      width = 2;
      letter = LETTER.test(text.slice(i, i + 2));
    } else {
      letter = isLetter(unit);
    }
    if (!letter) {
      if (run < i) out += text.slice(run, i);
      run = i + width;
    }
    i += width - 1;
  }
  return run === 0 ? text : out + text.slice(run);
}

/** Normalised sentences shorter than this are headings or list markers (「（一）主动公开情况」), not prose. */
const MIN_SENTENCE = 8;

/** The official section and table titles, normalised: a line that is only a heading says nothing. */
const HEADINGS = new Set(
  [
    ...SECTIONS.map((s) => s.title),
    ...Object.values(CATALOGUE['2021']).map((t) => t.title),
    ...Object.values(CATALOGUE['2019']).map((t) => t.title),
  ].map((title) => normalise(title, [])),
);
const LONGEST_HEADING = Math.max(...[...HEADINGS].map((heading) => heading.length));
const NUMERALS = new Set(Array.from('一二三四五六七八九十', (numeral) => numeral.charCodeAt(0)));

/**
 * Sentences every report prints because the format asks for them (国办公开办函〔2019〕60号、〔2021〕30号):
 * the statutory opening, the statistical period, where to download the report and whom to ask, the list
 * of the report's parts, and the nil statement of section 六. Matched on the normalised form.
 */
const BOILERPLATE: readonly RegExp[] = [
  /统计期限/,
  /^(?=.*报告)(?=.*(?:编制|编写|制作|形成)).*(?:根据|依据|按照|依照).{0,40}政府信息公开条例/,
  /(?:电子版|报告全文).{0,30}(?:网站|网址|下载|查阅)/,
  /(?:对本报告|对报告)有.{0,6}(?:疑问|意见|建议)/,
  /^.{0,12}(?:联系(?:地址|电话|方式|人)|(?:通讯|通信|办公)?地址|电话|邮政编码|邮编|传真|电子(?:邮箱|信箱))/,
  /总体情况.{0,12}主动公开.{0,30}(?:依申请|收到和处理|申请情况)/,
  /^.{0,16}(?:无|没有)(?:其他|其它)?需要(?:报告|说明)的(?:其他|其它)?事项.{0,6}$/,
  /^.{0,6}单位(?:件|万元|个)?$/,
];
/** All of them in one pattern: one pass of the regex engine instead of eight. */
const ANY_BOILERPLATE = new RegExp(BOILERPLATE.map((pattern) => `(?:${pattern.source})`).join('|'));

export function isBoilerplate(normalised: string): boolean {
  if (normalised.length < MIN_SENTENCE) return true;
  if (isHeading(normalised)) return true;
  return ANY_BOILERPLATE.test(normalised);
}

/** An official heading, numbered or not (「二主动公开政府信息情况」); prose is ruled out by its length. */
function isHeading(normalised: string): boolean {
  let start = 0;
  while (start < normalised.length && NUMERALS.has(normalised.charCodeAt(start))) start++;
  return normalised.length - start <= LONGEST_HEADING && HEADINGS.has(normalised.slice(start));
}
