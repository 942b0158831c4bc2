/**
 * List numbers Word prints but does not store in the text: section headings 「一、总体情况」 and items
 * 「（一）」「1.」 are often automatic numbering (numbering.xml, linked from the paragraph or its style).
 * Word's own text export prints them, so the DOCX reader does too.
 */
import { scanXml } from './xml.ts';

export interface NumberingReference {
  numId: string | null;
  level: number | null;
  style: string | null;
}

export interface ParagraphNumbering {
  /** The number printed before this paragraph (「二、」), counting on; '' when it is not numbered. */
  label(paragraph: NumberingReference): string;
}

interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the number: a tab (default), a space, or nothing. */
  suffix: string;
}

interface NumberingDefinitions {
  /** abstractNumId → levels by ilvl. */
  abstract: Map<string, Map<number, Level>>;
  /** numId → abstractNumId and per-level start overrides. */
  instances: Map<string, { abstractId: string; overrides: Map<number, number> }>;
}

/** Builds the numbering of a document, or null when it defines none. */
export function documentNumbering(
  numberingXml: string | null,
  stylesXml: string | null,
): ParagraphNumbering | null {
  if (!numberingXml) return null;
  const definitions = readDefinitions(numberingXml);
  if (definitions.instances.size === 0) return null;
  const styles = stylesXml ? readStyleNumbering(stylesXml) : new Map<string, StyleNumbering>();
  return new Counter(definitions, styles);
}

class Counter implements ParagraphNumbering {
  /** abstractNumId → current value per level. */
  private readonly counts = new Map<string, number[]>();
  private readonly started = new Set<string>();

  constructor(
    private readonly definitions: NumberingDefinitions,
    private readonly styles: Map<string, StyleNumbering>,
  ) {}

  label(paragraph: NumberingReference): string {
    const fromStyle = paragraph.style ? resolveStyle(this.styles, paragraph.style) : null;
    const numId = paragraph.numId ?? fromStyle?.numId ?? null;
    if (numId === null || numId === '0') return '';
    const instance = this.definitions.instances.get(numId);
    if (!instance) return '';
    const levels = this.definitions.abstract.get(instance.abstractId);
    if (!levels) return '';
    const level = Math.max(0, Math.min(8, paragraph.level ?? fromStyle?.level ?? 0));
    const def = levels.get(level);
    if (!def) return '';

    const counts = this.counts.get(instance.abstractId) ?? [];
    this.counts.set(instance.abstractId, counts);
    if (!this.started.has(numId)) {
      // A list instance with start overrides restarts the shared counters when it is first used.
      this.started.add(numId);
      for (const [l, start] of instance.overrides) counts[l] = start - 1;
    }
    counts[level] = (counts[level] ?? def.start - 1) + 1;
    // A number at one level restarts every deeper level.
    if (counts.length > level + 1) counts.length = level + 1;

    const printed = def.text.replace(/%([1-9])/g, (_, n: string) => {
      const l = Number(n) - 1;
      const at = levels.get(l);
      const value = counts[l] ?? at?.start ?? 1;
      return formatNumber(value, l === level ? def.format : (at?.format ?? 'decimal'));
    });
    if (printed === '') return '';
    // Word puts a tab after the number; after 「一、」「（一）」 the text follows directly in every export we hold.
    return def.suffix === 'nothing' || /[^\p{L}\p{N}]$/u.test(printed) ? printed : `${printed} `;
  }
}

const CHINESE_DIGITS = '〇一二三四五六七八九';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function formatNumber(value: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'chineseLegalSimplified':
    case 'ideographDigital':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseNumber(value);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[(value - 1) % 10] ?? String(value);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[value - 1] ?? String(value);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(value).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'lowerLetter':
    case 'upperLetter': {
      const letter = String.fromCharCode(97 + ((value - 1) % 26)).repeat(Math.floor((value - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = toRoman(value);
      return format === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(value);
  }
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
function chineseNumber(value: number): string {
  if (value <= 0 || value >= 10000) return String(value);
  const units = ['', '十', '百', '千'];
  const digits = String(value).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && unit === '十' && out === '' ? '' : CHINESE_DIGITS[d]!) + unit;
  });
  return out;
}

function toRoman(value: number): string {
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let rest = Math.min(value, 3999);
  for (const [n, s] of table) {
    while (rest >= n) {
      out += s;
      rest -= n;
    }
  }
  return out;
}

/** Local name of an element or attribute: `w:lvl` → `lvl` (documents may use another prefix). */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** The value of the attribute whose local name is `val` (or another local name). */
function localAttribute(attributes: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*["']([^"']*)["']`).exec(attributes);
  return m ? m[1]! : null;
}

function readDefinitions(xml: string): NumberingDefinitions {
  const abstract = new Map<string, Map<number, Level>>();
  const instances = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  let levels: Map<number, Level> | null = null;
  let level: Level | null = null;
  let instance: { abstractId: string; overrides: Map<number, number> } | null = null;
  let overrideLevel: number | null = null;
  scanXml(xml, {
    open(name, attributes) {
      const value = () => localAttribute(attributes, 'val');
      switch (local(name)) {
        case 'abstractNum':
          levels = new Map();
          abstract.set(localAttribute(attributes, 'abstractNumId') ?? '', levels);
          break;
        case 'lvl':
          level = { start: 1, format: 'decimal', text: '', suffix: 'tab' };
          levels?.set(Number(localAttribute(attributes, 'ilvl') ?? 0), level);
          break;
        case 'start':
          if (level) level.start = Number(value() ?? 1);
          break;
        case 'numFmt':
          if (level) level.format = value() ?? 'decimal';
          break;
        case 'lvlText':
          if (level) level.text = value() ?? '';
          break;
        case 'suff':
          if (level) level.suffix = value() ?? 'tab';
          break;
        case 'num':
          instance = { abstractId: '', overrides: new Map() };
          instances.set(localAttribute(attributes, 'numId') ?? '', instance);
          break;
        case 'abstractNumId':
          if (instance) instance.abstractId = value() ?? '';
          break;
        case 'lvlOverride':
          overrideLevel = Number(localAttribute(attributes, 'ilvl') ?? 0);
          break;
        case 'startOverride':
          if (instance && overrideLevel !== null) instance.overrides.set(overrideLevel, Number(value() ?? 1));
          break;
      }
    },
    close(name) {
      switch (local(name)) {
        case 'abstractNum':
          levels = null;
          break;
        case 'lvl':
          level = null;
          break;
        case 'num':
          instance = null;
          break;
        case 'lvlOverride':
          overrideLevel = null;
          break;
      }
    },
    text() {},
  });
  return { abstract, instances };
}

interface StyleNumbering {
  numId: string | null;
  level: number | null;
  basedOn: string | null;
}

function readStyleNumbering(xml: string): Map<string, StyleNumbering> {
  const styles = new Map<string, StyleNumbering>();
  let style: StyleNumbering | null = null;
  scanXml(xml, {
    open(name, attributes, selfClosing) {
      const tag = local(name);
      if (tag === 'style' && !selfClosing) {
        style = { numId: null, level: null, basedOn: null };
        styles.set(localAttribute(attributes, 'styleId') ?? '', style);
      } else if (style && tag === 'numId') style.numId = localAttribute(attributes, 'val');
      else if (style && tag === 'ilvl') style.level = Number(localAttribute(attributes, 'val') ?? 0);
      else if (style && tag === 'basedOn') style.basedOn = localAttribute(attributes, 'val');
    },
    close(name) {
      if (local(name) === 'style') style = null;
    },
    text() {},
  });
  return styles;
}

/** A style's numbering, inherited along `basedOn` (bounded: style chains can be cyclic in broken files). */
function resolveStyle(
  styles: Map<string, StyleNumbering>,
  id: string,
): { numId: string | null; level: number | null } | null {
  let numId: string | null = null;
  let level: number | null = null;
  let current = styles.get(id);
  for (let depth = 0; current && depth < 20; depth++) {
    numId ??= current.numId;
    level ??= current.level;
    current = current.basedOn ? styles.get(current.basedOn) : undefined;
  }
  return numId === null && level === null ? null : { numId, level };
}
