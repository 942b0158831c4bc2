/**
 * The rates a reviewer reads off tables 三 and 四 (予以公开率, 不予公开率, 复议纠错率, 诉讼纠错率), as data:
 * which cells are summed above and below the line, and the formula in the words the report prints.
 *
 * Every cell named here has the same id in format 2019 and format 2021 (tables 三 and 四 differ only in the
 * （六）其他处理 rows, which no rate uses), so one definition serves both formats and a region that mixes them.
 * Why each rate is defined as it is: docs/rates.md.
 */

export type RateId = 'grantedRate' | 'withheldRate' | 'reconsiderationCorrectedRate' | 'lawsuitCorrectedRate';

export interface RateDef {
  id: RateId;
  /** 「予以公开率」. */
  name: string;
  /** The English name, for help text and scripts. */
  en: string;
  /** Cell ids summed for the numerator. */
  numerator: readonly string[];
  /** Cell ids summed for the denominator. */
  denominator: readonly string[];
  /** The numerator in the words the report prints: 「表三 “（一）予以公开”行 总计列」. */
  numeratorLabel: string;
  denominatorLabel: string;
  /** 「予以公开率 = 表三 … ÷ 表三 …」. */
  formula: string;
}

const WITHHELD = [
  'stateSecret',
  'prohibitedByLaw',
  'securityStability',
  'thirdPartyRights',
  'internalAffairs',
  'processInformation',
  'enforcementFiles',
  'queryMatters',
] as const;
const DECIDED = ['upheld', 'corrected', 'other'] as const;
const LAWSUITS = ['lawsuitDirect', 'lawsuitAfterReconsideration'] as const;

const PROCESSED_TOTAL = '表三 “（七）总计”行 总计列';

function rate(def: Omit<RateDef, 'formula'>): RateDef {
  return { ...def, formula: `${def.name} = ${def.numeratorLabel} ÷ ${def.denominatorLabel}` };
}

/** The four rates, in the order a reviewer reads them. */
export const RATES: readonly RateDef[] = [
  rate({
    id: 'grantedRate',
    name: '予以公开率',
    en: 'requests granted in full, of requests processed',
    numerator: ['requests.granted.total'],
    denominator: ['requests.processedTotal.total'],
    numeratorLabel: '表三 三、本年度办理结果“（一）予以公开”行 总计列',
    denominatorLabel: PROCESSED_TOTAL,
  }),
  rate({
    id: 'withheldRate',
    name: '不予公开率',
    en: 'requests refused (不予公开 items 1–8), of requests processed',
    numerator: WITHHELD.map((r) => `requests.withheld.${r}.total`),
    denominator: ['requests.processedTotal.total'],
    numeratorLabel: '表三 “（三）不予公开”1.属于国家秘密 至 8.属于行政查询事项 各行 总计列之和',
    denominatorLabel: PROCESSED_TOTAL,
  }),
  rate({
    id: 'reconsiderationCorrectedRate',
    name: '复议纠错率',
    en: 'administrative reconsiderations corrected, of those decided',
    numerator: ['reviews.reconsideration.corrected'],
    denominator: DECIDED.map((o) => `reviews.reconsideration.${o}`),
    numeratorLabel: '表四 行政复议“结果纠正”',
    denominatorLabel: '表四 行政复议（“结果维持”＋“结果纠正”＋“其他结果”，不计“尚未审结”）',
  }),
  rate({
    id: 'lawsuitCorrectedRate',
    name: '诉讼纠错率',
    en: 'administrative lawsuits corrected, of those decided (direct and after reconsideration)',
    numerator: LAWSUITS.map((g) => `reviews.${g}.corrected`),
    denominator: LAWSUITS.flatMap((g) => DECIDED.map((o) => `reviews.${g}.${o}`)),
    numeratorLabel: '表四 行政诉讼“结果纠正”（“未经复议直接起诉”＋“复议后起诉”）',
    denominatorLabel:
      '表四 行政诉讼（“结果维持”＋“结果纠正”＋“其他结果”，“未经复议直接起诉”与“复议后起诉”合计，不计“尚未审结”）',
  }),
];

export interface RateValue {
  id: RateId;
  name: string;
  formula: string;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator (0.25 for 25%); null when it cannot be computed. */
  value: number | null;
  /** Why `value` is null, in Chinese; null when it is not. */
  reason: string | null;
}

/** Cells by id: a region's sums (`regionTotals().cells`) or one report's flat cells (`cellsOf`). */
export type RateCells = Readonly<Record<string, number | null | undefined>>;

function sum(cells: RateCells, ids: readonly string[]): number {
  let total = 0;
  for (const id of ids) total += cells[id] ?? 0;
  return total;
}

/**
 * One rate from summed cells (or one report's cells). A blank cell counts as 0, as in the official
 * identities; a denominator of 0 — nothing processed, nothing decided, or the table absent — gives null and a reason.
 */
export function computeRate(def: RateDef, cells: RateCells): RateValue {
  const numerator = sum(cells, def.numerator);
  const denominator = sum(cells, def.denominator);
  let reason: string | null = null;
  if (denominator === 0) {
    reason = def.denominator.every((id) => cells[id] === undefined)
      ? `数据中没有 ${def.denominatorLabel}，无法计算`
      : `分母 ${def.denominatorLabel} 为 0，无法计算`;
  }
  return {
    id: def.id,
    name: def.name,
    formula: def.formula,
    numerator,
    denominator,
    value: reason === null ? numerator / denominator : null,
    reason,
  };
}

/** Every rate of `RATES`, in order. */
export function computeRates(cells: RateCells): RateValue[] {
  return RATES.map((def) => computeRate(def, cells));
}
