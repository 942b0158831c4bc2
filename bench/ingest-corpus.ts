/**
 * The ingest benchmark's corpus: a registry of bodies (provinces → cities → counties → the county's
 * government, departments, townships and sub-districts) and one synthetic report per body and year,
 * printed under the name a real report would use, so that matching, coverage and region sums have
 * something true to find. Deterministic from (seed, N).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatId } from '../src/record/index.ts';
import { createRng, deriveSeed, randomRecord, renderReport, type Encoding } from '../src/synthetic/index.ts';
import { LAYOUT_MIX } from './corpus.ts';

export const YEARS = [2020, 2021, 2022, 2023, 2024] as const;
/** Share of (body, year) pairs with no report: what `coverage` must find. */
const MISSING_SHARE = 0.02;
const DEPARTMENTS = [
  '教育局',
  '财政局',
  '民政局',
  '司法局',
  '审计局',
  '统计局',
  '商务局',
  '水利局',
  '林业局',
  '应急管理局',
  '交通运输局',
  '农业农村局',
  '卫生健康局',
  '生态环境局',
  '自然资源局',
  '市场监督管理局',
  '医疗保障局',
  '文化和旅游局',
  '退役军人事务局',
  '住房和城乡建设局',
  '人力资源和社会保障局',
  '发展和改革局',
  '科学技术局',
  '城市管理局',
  '工业和信息化局',
  '民族宗教事务委员会',
  '卫生健康委员会',
  '发展和改革委员会',
  '信访局',
  '档案局',
];
const TOWNS_PER_COUNTY = 10;
const STREETS_PER_COUNTY = 7;
const PER_COUNTY = 1 + DEPARTMENTS.length + TOWNS_PER_COUNTY + STREETS_PER_COUNTY;

/** Syllables with no administrative word in them (市 县 区 乡 镇 街 道 …), so suffixes alone decide the kind. */
const SYLLABLES = [
  ...'安宝昌德东丰福广和河华嘉建江金静开乐临龙茂南宁平庆清瑞山尚胜泰天通文武西兴新阳永裕元长振中仁海湖溪桥林沙石峰城口堡庄源湾',
  ...'白柏北滨博岑崇春大定繁凤阜高古固桂汉合鹤红洪怀淮黄吉济佳蛟晋靖巨康兰蓝利莲灵柳隆鲁鹿洛满梅孟绵岷牡盘彭蒲祁启青泉饶荣汝',
].filter((c) => !'市县区乡镇街道局委府政村省州盟旗'.includes(c));

/** The n-th place name: unique for every n (two syllables, three once those run out). */
function place(n: number, salt: number): string {
  const L = SYLLABLES.length;
  const k = (n * 7919 + salt) % (L * L * L);
  const a = SYLLABLES[k % L]!;
  const b = SYLLABLES[Math.floor(k / L) % L]!;
  const c = Math.floor(k / (L * L));
  return c === 0 ? `${a}${b}` : `${a}${b}${SYLLABLES[c % L]}`;
}

export interface BenchBody {
  id: string;
  parentId: string;
  name: string;
  kind: 'government' | 'department' | 'township' | 'subdistrict';
  level: 'province' | 'city' | 'county' | 'body';
  /** The agency name its reports print (several forms, as real reports do). */
  printedAs: (variant: number) => string;
}

export interface BenchRegistry {
  /** Every body, parents first (the units file). */
  all: BenchBody[];
  /** Bodies that write reports in the corpus (county level and below). */
  reporting: BenchBody[];
  provinceIds: string[];
}

export function registry(n: number): BenchRegistry {
  const reportingBodies = Math.ceil((n / YEARS.length / (1 - MISSING_SHARE)) * 1.01);
  const counties = Math.max(1, Math.ceil(reportingBodies / PER_COUNTY));
  const cities = Math.max(1, Math.ceil(counties / 5));
  const provinces = Math.min(21, cities);
  const all: BenchBody[] = [];
  const reporting: BenchBody[] = [];
  const provinceIds: string[] = [];
  const fixed = (name: string) => () => name;
  for (let p = 0; p < provinces; p++) {
    const id = String(11 + p);
    provinceIds.push(id);
    all.push({
      id,
      parentId: '',
      name: `${place(p, 1)}省人民政府`,
      kind: 'government',
      level: 'province',
      printedAs: fixed(''),
    });
  }
  for (let c = 0; c < cities; c++) {
    const id = `${provinceIds[c % provinces]}${String(c).padStart(3, '0')}`;
    all.push({
      id,
      parentId: provinceIds[c % provinces]!,
      name: `${place(c, 2)}市人民政府`,
      kind: 'government',
      level: 'city',
      printedAs: fixed(''),
    });
  }
  let towns = 0;
  for (let k = 0; k < counties; k++) {
    const city = all[provinces + (k % cities)]!;
    const id = `${city.id}${String(k).padStart(4, '0')}`;
    const county = `${place(k, 3)}${k % 2 ? '县' : '区'}`;
    const gov: BenchBody = {
      id,
      parentId: city.id,
      name: `${county}人民政府`,
      kind: 'government',
      level: 'county',
      printedAs: fixed(`${county}人民政府`),
    };
    all.push(gov);
    reporting.push(gov);
    const local: BenchBody[] = [];
    DEPARTMENTS.forEach((dept, d) =>
      local.push({
        id: `${id}d${d}`,
        parentId: id,
        name: dept,
        kind: 'department',
        level: 'body',
        printedAs: fixed(`${county}${dept}`),
      }),
    );
    for (let t = 0; t < TOWNS_PER_COUNTY; t++) {
      const town = `${place(towns++, 5)}镇`;
      local.push({
        id: `${id}t${t}`,
        parentId: id,
        name: `${town}人民政府`,
        kind: 'township',
        level: 'body',
        printedAs: (v) => (v % 2 ? `${town}人民政府` : `${county}${town}人民政府`),
      });
    }
    for (let s = 0; s < STREETS_PER_COUNTY; s++) {
      const street = `${place(towns++, 5)}街道`;
      local.push({
        id: `${id}s${s}`,
        parentId: id,
        name: `${street}办事处`,
        kind: 'subdistrict',
        level: 'body',
        printedAs: (v) => (v % 2 ? `${street}办事处` : `${county}${street}`),
      });
    }
    all.push(...local);
    reporting.push(...local);
  }
  return { all, reporting: reporting.slice(0, reportingBodies), provinceIds };
}

/** The units file (CSV with Chinese headers). */
export function unitsCsv(reg: BenchRegistry): string {
  const kinds = { government: '人民政府', department: '部门', township: '乡镇', subdistrict: '街道' };
  const levels = { province: '省', city: '市', county: '县', body: '单位' };
  const lines = ['编码,上级编码,名称,类型,层级'];
  for (const b of reg.all) lines.push([b.id, b.parentId, b.name, kinds[b.kind], levels[b.level]].join(','));
  return `${lines.join('\n')}\n`;
}

export interface PlannedReport {
  index: number;
  body: BenchBody;
  year: number;
}

/** The first `n` (body, year) pairs that have a report, year by year. */
export function plan(reg: BenchRegistry, n: number, seed: number): PlannedReport[] {
  const out: PlannedReport[] = [];
  for (const year of YEARS) {
    for (let b = 0; b < reg.reporting.length && out.length < n; b++) {
      if (createRng(deriveSeed(seed, b, `missing-${year}`)).chance(MISSING_SHARE)) continue;
      out.push({ index: out.length, body: reg.reporting[b]!, year });
    }
  }
  return out;
}

/** Writes reports `from … to-1` of the plan as files under `dir/<year>/`. */
export function writeReports(planned: readonly PlannedReport[], dir: string, seed: number): void {
  for (const p of planned) {
    const rng = createRng(deriveSeed(seed, p.index, 'ingest-bench'));
    const format: FormatId = p.year <= 2020 ? '2019' : '2021';
    const generated = randomRecord(rng, { year: p.year, format, kind: p.body.kind });
    const agency = p.body.printedAs(p.index);
    const json = JSON.stringify(generated).replaceAll(generated.agency!, agency);
    const record = JSON.parse(json) as typeof generated;
    const layout = rng.weighted(LAYOUT_MIX);
    const encoding: Encoding = rng.chance(0.1) ? 'gb18030' : 'utf-8';
    const file = renderReport(record, layout, rng, { encoding });
    const folder = join(dir, String(p.year));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${String(p.index).padStart(6, '0')}_${file.name}`), file.bytes);
  }
}
