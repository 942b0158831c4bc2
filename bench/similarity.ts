/**
 * The similarity index at corpus scale: index the narrative sections of 100,000 reports (two years of
 * 50,000 bodies), then ask for each sampled report's similarity findings the way the store does at ingest.
 * Prints add throughput, query latency (p50/p95/p99), candidates verified per query, heap retained by the
 * index, serialised size and load time, and how many planted copies were found (recall) and how many
 * findings were not planted (false alarms).
 *
 * The text is generated here, not by src/synthetic: its narrative draws every sentence from a pool of about a
 * hundred stock sentences, so every sentence would be corpus boilerplate and the index would have nothing of
 * substance to hold. Here each section is mostly its own prose (words drawn from the vocabulary of real
 * reports), with a few stock sentences drawn from a skewed pool — the boilerplate the frequency filter is
 * for — and with planted copies: 10 % of bodies carry 五 over from last year with the year changed, 2 % of
 * reports copy another body's 一 with a word changed.
 *
 * XXGK_SIM_N        reports (default 100000)
 * XXGK_SIM_QUERIES  reports queried (default 5000)
 * XXGK_SIM_SEED     corpus seed (default 20250101)
 */
import { performance } from 'node:perf_hooks';
import { SimilarityIndex, similarityFindings, type ReportKey } from '../src/corpus/index.ts';
import { SCHEMA_ID, type ReportRecord } from '../src/record/index.ts';
import { createRng, deriveSeed, type Rng } from '../src/synthetic/index.ts';
import { collectGarbage, MB, quantiles } from './measure.ts';

const N = Number(process.env.XXGK_SIM_N ?? 100_000);
const QUERIES = Math.min(N, Number(process.env.XXGK_SIM_QUERIES ?? 5_000));
const SEED = Number(process.env.XXGK_SIM_SEED ?? 20250101);
const BODIES = Math.ceil(N / 2);
const YEARS = [2021, 2022] as const;

// ---------------------------------------------------------------- text

const CHARACTERS =
  '政府信息公开工作年度报告主动依申请办理平台建设监督保障规范管理制度机制完善推进落实加强提升服务群众企业社会关切回应解读' +
  '政策文件发布审核保密审查网站新媒体栏目更新培训考核评议责任追究重点领域财政预算决算民生教育医疗就业社保环境安全应急乡村' +
  '振兴营商项目资金采购招标征收补偿救助养老住房交通水利农业林业文化旅游卫生健康市场监管统计审计司法民政人社自然资源生态城' +
  '乡规划街道镇村社区居委会干部群众代表会议专题研究部署检查督导整改台账考评通报表彰组织领导小组办公室专人负责联络协调';

/** A fixed vocabulary of 4,000 words of two to four characters. */
const VOCABULARY = (() => {
  const rng = createRng(SEED ^ 0x55);
  return Array.from({ length: 4000 }, () => {
    let word = '';
    const length = rng.int(2, 4);
    for (let i = 0; i < length; i++) word += CHARACTERS[rng.int(0, CHARACTERS.length - 1)];
    return word;
  });
})();

function sentence(rng: Rng): string {
  let out = '';
  const clauses = rng.int(1, 3);
  for (let c = 0; c < clauses; c++) {
    const count = rng.int(3, 7);
    for (let w = 0; w < count; w++) out += VOCABULARY[rng.int(0, VOCABULARY.length - 1)];
    out += c === clauses - 1 ? '。' : '，';
  }
  return out;
}

/** Stock sentences many reports share; skewed, so a few are printed by a large share of the corpus. */
const STOCK = (() => {
  const rng = createRng(SEED ^ 0x77);
  return Array.from({ length: 300 }, () => sentence(rng));
})();
function stockSentence(rng: Rng): string {
  return STOCK[Math.floor(STOCK.length * rng.next() ** 3)]!;
}

const STATUTORY = (year: number) =>
  `本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定和国办公开办函〔2021〕30号要求编制。本报告中所列数据的统计期限自${year}年1月1日起至${year}年12月31日止。`;

function section(rng: Rng, sentences: number, stock: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng));
  for (let i = 0; i < stock; i++) parts.splice(rng.int(0, parts.length), 0, stockSentence(rng));
  return parts.join('');
}

// ---------------------------------------------------------------- reports

interface Body {
  name: string;
  short: string;
}

function body(b: number): Body {
  const rng = createRng(deriveSeed(SEED, b, 'body'));
  const place = VOCABULARY[rng.int(0, VOCABULARY.length - 1)]!;
  return { name: `第${b}县${place}街道办事处`, short: `${place}街道` };
}

/** What happens to a body-year: its own text, 五 carried over from last year, or 一 copied from a peer. */
type Plan = { kind: 'own' } | { kind: 'ownPast' } | { kind: 'peer'; from: number };

function plan(b: number, year: number): Plan {
  const rng = createRng(deriveSeed(SEED, b * 8 + year, 'plan'));
  if (year === YEARS[1] && rng.chance(0.1)) return { kind: 'ownPast' };
  if (rng.chance(0.02)) {
    const from = rng.int(0, BODIES - 1);
    if (from !== b && plan(from, year).kind === 'own') return { kind: 'peer', from };
  }
  return { kind: 'own' };
}

/** The body-year's sections as written before any copying. */
function ownSections(b: number, year: number): string[] {
  const rng = createRng(deriveSeed(SEED, b * 8 + year, 'text'));
  const who = body(b).short;
  return [
    `${STATUTORY(year)}${year}年，${who}${section(rng, rng.int(18, 40), rng.int(0, 6))}`,
    rng.chance(0.4) ? section(rng, rng.int(1, 3), 0) : '',
    '',
    '',
    `${year}年，${who}${section(rng, rng.int(4, 10), rng.int(0, 3))}`,
    rng.chance(0.3) ? section(rng, rng.int(2, 5), 1) : '本年度无其他需要报告的事项。',
  ];
}

function sections(b: number, year: number): string[] {
  const texts = ownSections(b, year);
  const p = plan(b, year);
  if (p.kind === 'ownPast') texts[4] = ownSections(b, year - 1)[4]!.replaceAll(`${year - 1}年`, `${year}年`);
  if (p.kind === 'peer') {
    const theirs = ownSections(p.from, year)[0]!.replaceAll(body(p.from).short, body(b).short);
    const middle = theirs.length >> 1;
    texts[0] = `${theirs.slice(0, middle)}调整完善${theirs.slice(middle + 4)}`;
  }
  return texts;
}

const EMPTY_TABLES: ReportRecord['tables'] = { active: {}, requests: {}, reviews: {} };
const TITLES = [
  '总体情况',
  '主动公开政府信息情况',
  '收到和处理政府信息公开申请情况',
  '行政复议、行政诉讼情况',
  '存在的主要问题及改进情况',
  '其他需要报告的事项',
];

function record(b: number, year: number): ReportRecord {
  const who = body(b);
  return {
    schema: SCHEMA_ID,
    agency: who.name,
    agencyKind: 'subdistrict',
    year,
    period: null,
    format: '2021',
    publishedOn: null,
    sections: sections(b, year).map((text, i) => ({ number: i + 1, title: TITLES[i]!, text })),
    tables: EMPTY_TABLES,
    source: { name: `${b}-${year}`, kind: 'form', sha256: '', url: null },
  };
}

function key(b: number, year: number): ReportKey {
  return { id: `${b}-${year}`, bodyKey: `body-${b}`, year, agency: body(b).name };
}

/** Report i of the corpus: bodies in order, both years of a body together as a store would receive them. */
function nth(i: number): { b: number; year: number } {
  return { b: Math.floor(i / 2), year: YEARS[i % 2]! };
}

// ---------------------------------------------------------------- run

console.log(
  `xxgk similarity bench: ${N} reports (${BODIES} bodies × ${YEARS.join('/')}), seed ${SEED}, node ${process.version}`,
);

const GENERATE_BATCH = 2_000;
let generateMs = 0;
let addMs = 0;
const index = new SimilarityIndex();
/** Heap plus typed-array memory: the index's signatures and chains live outside the JS heap. */
function retained(): number {
  collectGarbage();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
const before = retained();
for (let from = 0; from < N; from += GENERATE_BATCH) {
  let start = performance.now();
  const batch: [ReportKey, ReportRecord][] = [];
  for (let i = from; i < Math.min(N, from + GENERATE_BATCH); i++) {
    const { b, year } = nth(i);
    batch.push([key(b, year), record(b, year)]);
  }
  generateMs += performance.now() - start;
  start = performance.now();
  for (const [k, r] of batch) index.add(k, r);
  addMs += performance.now() - start;
}
const indexBytes = retained() - before;
console.log(`\ngeneration ${(generateMs / 1000).toFixed(1)} s (not timed below)`);
console.log(
  `add: ${N} reports, ${index.sections} sections in ${(addMs / 1000).toFixed(1)} s — ${Math.round(N / (addMs / 1000))} reports/s, ${(addMs / N).toFixed(3)} ms/report`,
);
console.log(
  `memory: the index retains ${(indexBytes / MB).toFixed(1)} MB (heap + typed arrays; ${(indexBytes / index.sections) | 0} bytes/section)`,
);

let start = performance.now();
const bytes = index.serialize();
const serializeMs = performance.now() - start;
start = performance.now();
const loaded = SimilarityIndex.deserialize(bytes);
const loadMs = performance.now() - start;
console.log(
  `serialised: ${(bytes.length / MB).toFixed(1)} MB (${(bytes.length / index.sections) | 0} bytes/section), written in ${serializeMs.toFixed(0)} ms, loaded (chains and frequencies rebuilt) in ${loadMs.toFixed(0)} ms`,
);

/** Reports some other body copied 一 from: their peer finding is expected too. */
const copied = new Set<string>();
for (let i = 0; i < N; i++) {
  const { b, year } = nth(i);
  const p = plan(b, year);
  if (p.kind === 'peer') copied.add(key(p.from, year).id);
}

// Query a deterministic sample of reports: the store asks this for every report it ingests.
const sample = createRng(SEED ^ 0x99);
const latencies: number[] = [];
let verified = 0;
let candidates = 0;
let maxVerified = 0;
const expected = { ownPast: 0, peer: 0 };
const found = { ownPast: 0, peer: 0 };
let falseAlarms = 0;
const examples: string[] = [];
for (let q = 0; q < QUERIES; q++) {
  const { b, year } = nth(sample.int(0, N - 1));
  const r = record(b, year);
  const k = key(b, year);
  const t = performance.now();
  const findings = similarityFindings(r, k, loaded);
  latencies.push(performance.now() - t);
  verified += loaded.lastQuery.verified;
  candidates += loaded.lastQuery.candidates;
  maxVerified = Math.max(maxVerified, loaded.lastQuery.verified);

  // What was planted: this report's own copies, and copies others made of it (both show as a match).
  const p = plan(b, year);
  const wantOwnPast = p.kind === 'ownPast';
  const wantPeer = p.kind === 'peer';
  if (wantOwnPast) expected.ownPast++;
  if (wantPeer) expected.peer++;
  for (const f of findings) {
    if (f.rule === 'similarity.ownPast' && wantOwnPast && f.text?.section === 5) found.ownPast++;
    else if (f.rule === 'similarity.peer' && wantPeer && f.text?.section === 1) found.peer++;
    else if (f.rule === 'similarity.peer' && copied.has(k.id) && f.text?.section === 1) continue;
    else falseAlarms++;
    if (examples.length < 2) examples.push(f.message);
  }
}
const [p50, p95, p99, max] = quantiles(latencies, [0.5, 0.95, 0.99, 1]);
console.log(
  `\nquery (similarityFindings, ${QUERIES} reports): p50 ${p50!.toFixed(3)} ms, p95 ${p95!.toFixed(3)} ms, p99 ${p99!.toFixed(3)} ms, max ${max!.toFixed(2)} ms`,
);
console.log(
  `  per query: ${(candidates / QUERIES).toFixed(2)} candidates, ${(verified / QUERIES).toFixed(2)} verified (max ${maxVerified})`,
);
console.log(
  `  planted copies found: ownPast ${found.ownPast}/${expected.ownPast}, peer ${found.peer}/${expected.peer}; findings not planted: ${falseAlarms}`,
);
for (const e of examples) console.log(`  e.g. ${e}`);
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
