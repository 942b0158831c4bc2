/**
 * Reports for multi-body tests, made from the seed reports without a generator: the seed's text with the
 * body's name and the years changed, as a body that copied its neighbour's report would have it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SEEDS = {
  /** 孝义市振兴街道办事处, 2020, format 2019, tab-separated cells. */
  zhenxing: { dir: 'seed-000-subdistrict-2019-tab-cell-lines', name: '振兴街道', year: 2020 },
  /** 同江市繁荣街道, 2023, format 2021, one cell per paragraph. */
  fanrong: { dir: 'seed-003-subdistrict-2021-cell-per-paragraph-chrome', name: '繁荣街道', year: 2023 },
} as const;

export type SeedName = keyof typeof SEEDS;

const texts = new Map<SeedName, string>();

export function seedText(seed: SeedName): string {
  let text = texts.get(seed);
  if (text === undefined) {
    const url = new URL(`../../fixtures/reports/${SEEDS[seed].dir}/report.txt`, import.meta.url);
    text = readFileSync(fileURLToPath(url), 'utf8');
    texts.set(seed, text);
  }
  return text;
}

export interface VariantOptions {
  /** The sub-district's own name (replaces 振兴街道 / 繁荣街道), e.g. 「兴隆街道」. */
  street?: string;
  /** The report year; every year in the text moves by the same amount. */
  year?: number;
  /** Extra text appended to 五、存在的主要问题: changes the bytes and the content, not the body or year. */
  note?: string;
}

/** A seed report as another body, or another year, would have written it. */
export function variantText(seed: SeedName, options: VariantOptions = {}): string {
  const s = SEEDS[seed];
  let text = seedText(seed);
  if (options.street) text = text.replaceAll(s.name, options.street);
  if (options.year !== undefined && options.year !== s.year) {
    const shift = options.year - s.year;
    text = text.replace(/20(1[5-9]|2\d)(?=\D)/g, (y) => String(Number(y) + shift));
  }
  if (options.note) text = text.replace(/(五、[^\n]*\n)/, `$1${options.note}\n`);
  return text;
}

export function variant(seed: SeedName, options: VariantOptions = {}): Buffer {
  return Buffer.from(variantText(seed, options), 'utf8');
}

const SYLLABLES = [
  ...'安宝昌德东丰福广和河华嘉建江金静开乐临龙茂南宁平庆清瑞山尚胜泰天通文武西兴新阳永裕元长振中仁海湖溪',
];

/** The n-th made-up street name: 「安宝街道」, 「昌宝街道」 … (distinct for n < 2,500). */
export function streetName(n: number): string {
  const L = SYLLABLES.length;
  return `${SYLLABLES[n % L]}${SYLLABLES[Math.floor(n / L) % L]}街道`;
}
