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
const NOT_LETTER = /[^\p{L}]+/gu;
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
const MAY_HOLD_LIST_NUMBER = /[是、.．)），,]/;
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
  return text.replace(NOT_LETTER, '');
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
const NUMBERED_HEADING = /^[一二三四五六七八九十]*(.*)$/;

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

export function isBoilerplate(normalised: string): boolean {
  if (normalised.length < MIN_SENTENCE) return true;
  const heading = NUMBERED_HEADING.exec(normalised)![1]!;
  if (HEADINGS.has(heading)) return true;
  return BOILERPLATE.some((pattern) => pattern.test(normalised));
}
