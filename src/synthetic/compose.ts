/**
 * A record → the parts of a printed report, in order (title, 发布时间 line, introduction, section headings,
 * paragraphs, the official tables, signature), with the print choices real reports vary. Layouts then lay
 * these parts out as text or HTML; they decide only how, never what.
 */
import {
  type CellValue,
  type ReportRecord,
  type Section,
  type TableKey,
  type ValueKind,
} from '../record/index.ts';
import { officialGrids, type GridTable, type LabelOptions } from '../render/official-grid.ts';
import type { Rng } from './rng.ts';
import {
  fullWidthDigits,
  halfWidthBrackets,
  oneCharPerLine,
  printDate,
  wrapLabel,
  type DateFormat,
} from './text.ts';

export type Part =
  | { kind: 'title'; lines: string[] }
  /** Lines a CMS prints under the title: 「发布时间:2024-01-19 10:42」, 「来源:繁荣街道」. */
  | { kind: 'meta'; lines: string[] }
  | { kind: 'heading'; text: string; section: number }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; table: TableKey; grid: GridTable }
  | { kind: 'signature'; lines: string[] };

export type BlankToken = '' | '—' | '-' | '/' | '／';

/**
 * How label cells are broken over lines: not at all, where people type breaks (`manual`), one character a
 * line in narrow columns (`narrow`), or at the width of the column as text taken from a PDF keeps it (`pdf`).
 */
export type LabelBreaks = 'none' | 'manual' | 'narrow' | 'pdf';

export interface PrintStyle {
  labels: LabelOptions;
  /** What a blank (null) cell holds. */
  blank: BlankToken;
  fullWidthDigits: boolean;
  /** 采购总金额 / 收费金额: bare, four decimals, with 万元, or (2019 form only) in 元. */
  money: 'plain' | 'fixed4' | 'wan' | 'yuan';
  breaks: LabelBreaks;
  /** Break tall row-spanning labels with an empty line inside the cell (Word text export: 「（三）不予\n\n公开」). */
  paragraphInsideCell: boolean;
  titleSplit: 'none' | 'afterAgency' | 'afterYear';
  /** Where a printed date goes. */
  dateAt: 'signature' | 'meta' | 'both';
  dateFormat: DateFormat;
  /** The 发布时间 line even without a date (来源 only). */
  meta: boolean;
  introduction: boolean;
  signature: boolean;
  narrativeHalfWidthBrackets: boolean;
  /** Narrative of sections 二–四 after the table instead of before it. */
  narrativeAfterTable: boolean;
}

export interface StyleBias {
  /** Blank tokens this layout uses, with weights. */
  blanks?: readonly (readonly [BlankToken, number])[];
  /** Probability of a 发布时间 line under the title. */
  meta?: number;
  breaks?: readonly (readonly [LabelBreaks, number])[];
  paragraphInsideCell?: number;
  pad?: 'span' | 'empty';
}

export function chooseStyle(rng: Rng, bias: StyleBias = {}): PrintStyle {
  const halfWidth = rng.chance(0.3);
  const procurementHeader = rng.weighted([
    [undefined, 6],
    ['采购总金额（单位：万元，保留4位小数）', 2],
    ['采购总金额（万元）', 1],
  ] as const);
  const labels: LabelOptions = {
    halfWidth,
    lawWording: rng.chance(0.2) ? '法律法规' : '法律行政法规',
    bracketNumbers: !rng.chance(0.08),
    itemSeparator: rng.weighted([
      ['.', 8],
      ['、', 2],
      ['．', 1],
    ] as const),
    partialNote: !rng.chance(0.1),
    straightQuotes: rng.chance(0.15),
    pad: bias.pad ?? (rng.chance(0.3) ? 'empty' : 'span'),
    ...(procurementHeader ? { procurementHeader } : {}),
  };
  return {
    labels,
    blank: rng.weighted(
      bias.blanks ?? [
        ['', 6],
        ['—', 1],
        ['-', 1],
        ['/', 1],
      ],
    ),
    fullWidthDigits: rng.chance(0.04),
    money: rng.weighted([
      ['plain', 6],
      ['fixed4', procurementHeader?.includes('4位') ? 6 : 1],
      ['wan', 2],
      ['yuan', 1],
    ] as const),
    breaks: rng.weighted(
      bias.breaks ?? [
        ['none', 3],
        ['manual', 3],
        ['narrow', 1],
      ],
    ),
    paragraphInsideCell: rng.chance(bias.paragraphInsideCell ?? 0),
    titleSplit: rng.weighted([
      ['none', 7],
      ['afterAgency', 1],
      ['afterYear', 1],
    ] as const),
    dateAt: rng.weighted([
      ['signature', 5],
      ['meta', bias.meta ?? 1],
      ['both', (bias.meta ?? 1) / 2],
    ] as const),
    dateFormat: rng.weighted([
      ['arabic', 6],
      ['padded', 1],
      ['chinese', 2],
      ['iso', 1],
    ] as const),
    meta: rng.chance(bias.meta ?? 0.2),
    introduction: rng.chance(0.6),
    signature: rng.chance(0.75),
    narrativeHalfWidthBrackets: halfWidth,
    narrativeAfterTable: rng.chance(0.1),
  };
}

/** The cell value as printed. */
function formatValue(style: PrintStyle, value: CellValue, id: string, kind: ValueKind): string {
  if (value === null) return style.blank;
  let text: string;
  if (kind !== 'money') text = String(value);
  else if (style.money === 'fixed4') text = value.toFixed(4);
  else if (style.money === 'wan' && value !== 0) text = `${value}万元`;
  // The 2019 form's 采购总金额 prints no unit, so 元 appear; the 2021 form prints 单位：万元 in the header.
  else if (style.money === 'yuan' && id === 'active.procurement.amountWan' && value !== 0)
    text = `${Math.round(value * 10000)}元`;
  else text = String(value);
  return style.fullWidthDigits ? fullWidthDigits(text) : text;
}

/**
 * Line breaks typed inside label cells, where real reports put them: the official form's own
 * (「本年新」/「制作数量」, 「结果」/「维持」, 「商业」/「企业」) and those of narrow columns.
 */
const MANUAL_BREAKS: readonly RegExp[] = [
  /^(本年新)(制作数量|公开数量)$/,
  /^(对外公开)(总数量)$/,
  /^(上一年)(项目数量)$/,
  /^(采购项目)(数量)$/,
  /^(本年处理)(决定数量)$/,
  /^(本年)(制发件数|废止件数)$/,
  /^(现行有效)(件数)$/,
  /^(结果)(维持|纠正)$/,
  /^(其他)(结果)$/,
  /^(尚未)(审结)$/,
  /^(商业|科研)(企业|机构)$/,
  /^(社会公益)(组织)$/,
  /^(法律服务)(机构)$/,
  /^(未经复议)(直接起诉)$/,
  /^([（(]本列数据的勾稽关系为[：:]第一项加第二项之和[，,])(等于第三项加第四项之和[）)])$/,
  /^([（(]二[）)]部分公开)([（(]区分处理的.*)$/,
  /^(\d[.、．]申请人.{4,12}?[，、,])(行政机关不再处理.*)$/,
];

/** Group labels spanning several rows: 「（三）不予」/「公开」. */
const TALL_BREAK = /^([（(][三四五六][）)](?:不予|无法|其他))(公开|提供|处理)$/;

function manualBreak(text: string, tall: boolean): string {
  for (const re of tall ? [TALL_BREAK, ...MANUAL_BREAKS] : MANUAL_BREAKS) {
    const m = re.exec(text);
    if (m) return `${m[1]}\n${m[2]}`;
  }
  return text;
}

/** A column one character wide: 「自」「然」「人」, 「（三）」「不予」「公开」, 「三、」「本」「年」…. */
function narrowBreak(text: string): string {
  const numbered = /^([（(][一二三四五六七][）)]|[一二三四]、)(.+)$/.exec(text);
  if (!numbered) return oneCharPerLine(text);
  const [, prefix, rest] = numbered as unknown as [string, string, string];
  const pieces = prefix.endsWith('、') ? [...rest] : (rest.match(/.{1,2}/gu) ?? [rest]);
  return [prefix, ...pieces].join('\n');
}

function breakLabels(grid: GridTable, style: PrintStyle, rng: Rng): GridTable {
  if (style.breaks === 'none' && !style.paragraphInsideCell) return grid;
  const pdfWidth = rng.int(8, 16);
  const rows = grid.rows.map((row) =>
    row.map((cell) => {
      if (cell.role === 'value' || cell.role === 'title' || cell.text === '') return cell;
      let text = cell.text;
      const chars = [...text].length;
      const tall = cell.rowSpan > 2 && cell.colSpan === 1;
      if (tall && style.paragraphInsideCell && chars > 4) {
        // As in Word's export of seed 000: 「（三）不予」, an empty line, 「公开」.
        const all = [...text];
        text = `${all.slice(0, -2).join('')}\n\n${all.slice(-2).join('')}`;
      } else if (
        style.breaks === 'narrow' &&
        ((cell.role === 'header' && cell.colSpan === 1 && chars <= 4) || tall)
      ) {
        text = narrowBreak(text);
      } else if (style.breaks === 'pdf') {
        // Text taken from a PDF keeps the visual lines of a wrapped cell.
        text = wrapLabel(text, cell.role === 'header' && cell.colSpan === 1 ? 4 : pdfWidth);
      } else if (style.breaks !== 'none' && rng.chance(0.7)) {
        text = manualBreak(text, tall);
      }
      return text === cell.text ? cell : { ...cell, text };
    }),
  );
  return { ...grid, rows };
}

function shortName(agency: string): string {
  const m =
    /([^市县区]{2,3}[镇乡]人民政府)$/.exec(agency) ??
    /([^市县区]{2,3}街道办事处)$/.exec(agency) ??
    /([^市]{2,3}[县区]人民政府)$/.exec(agency);
  return m ? m[1]! : agency;
}

/** The first 市/县/区 the body's name mentions (whose portal publishes the report), or null. */
export function portalOf(record: ReportRecord): string | null {
  const m = /^[^市县区]{2,3}[市县区]/.exec(record.agency ?? '');
  return m ? m[0] : null;
}

function periodSentence(record: ReportRecord, rng: Rng): string {
  const p = record.period;
  if (!p) return '';
  const [fy, fm, fd] = p.from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = p.to.split('-').map(Number) as [number, number, number];
  return rng.pick([
    `本报告中所列数据的统计期限自${fy}年${fm}月${fd}日起至${ty}年${tm}月${td}日止。`,
    `本年度报告中所列数据的统计期限自${fy}年${fm}月${fd}日起，至${ty}年${tm}月${td}日止。`,
    `报告统计数据时限为${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日。`,
    `本报告所列数据统计期限为${fy}年${fm}月${fd}日至${ty}年${tm}月${td}日。`,
  ]);
}

function introduction(record: ReportRecord, rng: Rng, withPeriod: boolean): string {
  const year = record.year ?? '';
  const agency = record.agency ?? '本机关';
  const parts = [
    rng.pick([
      `根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，特向社会公布${year}年度政府信息公开工作年度报告。`,
      `本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》要求编制而成。`,
      `根据《中华人民共和国政府信息公开条例》和上级相关文件精神，经对${year}年度政府信息公开工作情况进行分析、总结，编制本年度报告。`,
    ]),
  ];
  if (rng.chance(0.5)) {
    parts.push(
      '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分。',
    );
  }
  if (withPeriod) parts.push(periodSentence(record, rng));
  if (rng.chance(0.5)) {
    const portal = portalOf(record);
    parts.push(`本报告电子版可在${portal ? `${portal}人民政府` : '政府'}门户网站查阅或下载。`);
  }
  if (rng.chance(0.4)) {
    const phone = `0${rng.int(310, 999)}-${rng.int(2000000, 8999999)}`;
    parts.push(
      `如对本报告有疑问，请与${agency}联系（联系电话：${phone}，邮编：${rng.int(100000, 850000)}）。`,
    );
  }
  return parts.join('');
}

function narrative(text: string, style: PrintStyle): string[] {
  return text
    .split('\n')
    .filter((p) => p !== '')
    .map((p) => {
      let out = style.narrativeHalfWidthBrackets ? halfWidthBrackets(p) : p;
      if (style.fullWidthDigits) out = fullWidthDigits(out);
      return out;
    });
}

function titleLines(record: ReportRecord, style: PrintStyle): string[] {
  const title =
    record.title ?? (record.agency ? `${record.agency}${record.year ?? ''}年政府信息公开工作年度报告` : null);
  if (!title) return [];
  const agency = record.agency ?? '';
  if (style.titleSplit === 'afterAgency' && agency && title.startsWith(agency)) {
    return [agency, title.slice(agency.length)];
  }
  const year = /^(.*?\d{4}年)(.+)$/.exec(title);
  if (style.titleSplit === 'afterYear' && year && !year[2]!.startsWith('度')) return [year[1]!, year[2]!];
  return [title];
}

function timeOfDay(rng: Rng): string {
  return `${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
}

/** The printed parts of a report, in order. */
export function composeReport(record: ReportRecord, style: PrintStyle, rng: Rng): Part[] {
  const parts: Part[] = [];
  const title = titleLines(record, style);
  if (title.length) parts.push({ kind: 'title', lines: title });

  const dated = record.publishedOn;
  const metaLines: string[] = [];
  if (dated && style.dateAt !== 'signature') {
    metaLines.push(
      rng.pick([
        `发布时间:${dated} ${timeOfDay(rng)}`,
        `发布时间：${dated}`,
        `发布日期：${printDate(dated, 'padded')}`,
      ]),
    );
  }
  if (style.meta || metaLines.length) {
    if (rng.chance(0.7)) metaLines.push(`来源:${record.agency ? shortName(record.agency) : '本站'}`);
    if (metaLines.length) parts.push({ kind: 'meta', lines: metaLines });
  }

  const periodInIntro = style.introduction && rng.chance(0.6);
  if (style.introduction)
    parts.push({ kind: 'paragraph', text: introduction(record, rng, periodInIntro && !!record.period) });

  const grids = officialGrids(record, {
    labels: style.labels,
    formatValue: (value, id, kind) => formatValue(style, value, id, kind),
  });
  const tableOf: Record<number, TableKey> = { 2: 'active', 3: 'requests', 4: 'reviews' };
  record.sections.forEach((section: Section, index) => {
    parts.push({
      kind: 'heading',
      text: `${section.printedNumber ?? ''}、${section.title}`,
      section: section.number,
    });
    const paragraphs = narrative(section.text, style);
    if (index === 0 && record.period && !periodInIntro) {
      const sentence = periodSentence(record, rng);
      if (paragraphs.length) paragraphs[0] = `${paragraphs[0]}${sentence}`;
      else paragraphs.push(sentence);
    }
    const key = tableOf[section.number];
    const table: Part[] =
      key && grids ? [{ kind: 'table', table: key, grid: breakLabels(grids[key], style, rng) }] : [];
    const text: Part[] = paragraphs.map((p) => ({ kind: 'paragraph', text: p }));
    parts.push(...(style.narrativeAfterTable ? [...table, ...text] : [...text, ...table]));
  });

  if (style.signature || (dated && style.dateAt !== 'meta')) {
    const lines: string[] = [];
    if (style.signature && record.agency)
      lines.push(rng.chance(0.5) ? record.agency : shortName(record.agency));
    if (dated && style.dateAt !== 'meta') lines.push(printDate(dated, style.dateFormat));
    if (lines.length) parts.push({ kind: 'signature', lines });
  }
  return parts;
}
