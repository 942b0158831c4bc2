import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../src/diagnostics/index.ts';
import {
  CELLS,
  ReportRecord,
  SCHEMA_ID,
  SECTIONS,
  nestCells,
  type CellOrigin,
  type CellValue,
  type FormatId,
} from '../src/record/index.ts';
import {
  CORPUS_RULES,
  CORPUS_RULE_IDS,
  DEFAULT_BUCKET_WALK,
  DEFAULT_MAX_CANDIDATES,
  SimilarityIndex,
  affectedReports,
  corpusFindings,
  crossYearFindings,
  decodeProfile,
  encodeProfile,
  profileReport,
  reportKeyOf,
  sentenceTexts,
  similarityFindings,
  yearFacts,
  type ReportKey,
} from '../src/corpus/index.ts';
import { packYearFacts, unpackYearFacts, YearFactsCache } from '../src/ingest/year-facts-cache.ts';
import { createRng, randomRecord, type Rng } from '../src/synthetic/index.ts';

// ------------------------------------------------------------------ builders

type SectionNumber = 1 | 2 | 3 | 4 | 5 | 6;

interface Build {
  format?: FormatId;
  year?: number;
  agency?: string | null;
  /** Cell values over the all-zero table of the format; `undefined` removes the cell. */
  cells?: Record<string, CellValue | undefined>;
  origins?: Record<string, Partial<CellOrigin>>;
  /** Section texts over short defaults (too short to be compared). */
  texts?: Partial<Record<SectionNumber, string>>;
}

const SHORT_TEXT = '本年度相关工作按要求开展。';

function report(b: Build = {}): ReportRecord {
  const format = b.format ?? '2021';
  const year = b.year ?? (format === '2019' ? 2020 : 2022);
  const cells: Record<string, CellValue> = Object.fromEntries(CELLS[format].map((c) => [c.id, 0]));
  for (const [id, value] of Object.entries(b.cells ?? {})) {
    if (value === undefined) delete cells[id];
    else cells[id] = value;
  }
  const origins = b.origins
    ? Object.fromEntries(
        Object.entries(b.origins).map(([id, o]) => [id, { text: '', start: 0, end: 0, ...o } as CellOrigin]),
      )
    : undefined;
  return ReportRecord.parse({
    schema: SCHEMA_ID,
    agency: b.agency === undefined ? '孝义市振兴街道办事处' : b.agency,
    agencyKind: 'subdistrict',
    year,
    period: { from: `${year}-01-01`, to: `${year}-12-31` },
    format,
    publishedOn: `${year + 1}-01-20`,
    sections: SECTIONS.map((s) => ({
      number: s.number,
      title: s.title,
      text: b.texts?.[s.number as SectionNumber] ?? SHORT_TEXT,
    })),
    tables: nestCells(cells),
    source: { name: 'test.txt', kind: 'text', sha256: '0'.repeat(64), url: null },
    ...(origins ? { origins } : {}),
  });
}

function ofRule(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

function onlyOf(findings: Finding[], rule: string): Finding {
  const mine = ofRule(findings, rule);
  assert.equal(mine.length, 1, `${rule}: expected one finding, got ${JSON.stringify(findings, null, 1)}`);
  return mine[0]!;
}

// ------------------------------------------------------------------ registry

describe('corpus rules', () => {
  it('lists every rule once, with a citation and a Chinese title', () => {
    assert.deepEqual(
      CORPUS_RULES.map((r) => r.id),
      [...CORPUS_RULE_IDS],
    );
    assert.equal(new Set(CORPUS_RULE_IDS).size, CORPUS_RULE_IDS.length);
    for (const rule of CORPUS_RULES) {
      assert.match(rule.citation, /国办公开办函|条例/);
      assert.match(rule.title, /[\u4e00-\u9fff]/);
    }
  });

  it('says nothing about two valid consecutive reports, in every pair of formats', () => {
    for (const [previous, current] of [
      [report({ format: '2019', year: 2019 }), report({ format: '2019', year: 2020 })],
      [report({ format: '2019', year: 2020 }), report({ format: '2021', year: 2021 })],
      [report({ format: '2021', year: 2021 }), report({ format: '2021', year: 2022 })],
    ] as const) {
      assert.deepEqual(crossYearFindings(previous, current), []);
    }
  });

  it('compares only consecutive years of official formats', () => {
    const previous = report({ year: 2021, cells: { 'requests.carriedForward.total': 4 } });
    const current = report({ year: 2023, cells: { 'requests.carriedOver.total': 1 } });
    assert.deepEqual(crossYearFindings(previous, current), []);
    const legacy = { ...report({ year: 2022 }), format: 'legacy' as const };
    assert.deepEqual(crossYearFindings(previous, legacy), []);
  });
});

// ------------------------------------------------------------------ crossYear.carry

describe('crossYear.carry', () => {
  it('finds a column whose 上年结转 differs from last year’s 结转下年度, naming both years’ values', () => {
    const previous = report({ year: 2021, cells: { 'requests.carriedForward.naturalPerson': 5 } });
    const current = report({ year: 2022, cells: { 'requests.carriedOver.naturalPerson': 3 } });
    const f = onlyOf(crossYearFindings(previous, current), 'crossYear.carry');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.cells, ['requests.carriedOver.naturalPerson']);
    assert.equal(f.expected, 5);
    assert.equal(f.actual, 3);
    assert.match(
      f.message,
      /^表三 二、上年结转政府信息公开申请数量 自然人列为 3，但 2021 年报告 四、结转下年度继续办理 自然人列为 5/,
    );
  });

  it('reports each differing column, and is silent when they agree', () => {
    const previous = report({
      year: 2021,
      cells: { 'requests.carriedForward.naturalPerson': 5, 'requests.carriedForward.total': 5 },
    });
    const same = report({
      year: 2022,
      cells: { 'requests.carriedOver.naturalPerson': 5, 'requests.carriedOver.total': 5 },
    });
    assert.deepEqual(crossYearFindings(previous, same), []);
    const both = report({ year: 2022 });
    assert.deepEqual(
      ofRule(crossYearFindings(previous, both), 'crossYear.carry').map((f) => f.cells![0]),
      ['requests.carriedOver.naturalPerson', 'requests.carriedOver.total'],
    );
  });

  it('holds across the 2019 → 2021 change of format', () => {
    const previous = report({
      format: '2019',
      year: 2020,
      cells: { 'requests.carriedForward.commercial': 2 },
    });
    const current = report({ format: '2021', year: 2021, cells: { 'requests.carriedOver.commercial': 1 } });
    const f = onlyOf(crossYearFindings(previous, current), 'crossYear.carry');
    assert.match(f.message, /商业企业列为 1，但 2020 年报告/);
  });

  it('reads a blank as 0 but says nothing about a value it could not determine', () => {
    const previous = report({ year: 2021, cells: { 'requests.carriedForward.research': 2 } });
    const blank = report({ year: 2022, cells: { 'requests.carriedOver.research': null } });
    assert.equal(onlyOf(crossYearFindings(previous, blank), 'crossYear.carry').actual, 0);
    const undetermined = report({
      year: 2022,
      cells: { 'requests.carriedOver.research': null },
      origins: { 'requests.carriedOver.research': { undetermined: 'shortRow' } },
    });
    assert.deepEqual(crossYearFindings(previous, undetermined), []);
    const absent = report({ year: 2022, cells: { 'requests.carriedOver.research': undefined } });
    assert.deepEqual(crossYearFindings(previous, absent), []);
  });
});

// ------------------------------------------------------------------ crossYear.inForce

describe('crossYear.inForce', () => {
  const previous = report({ year: 2021, cells: { 'active.normativeDocuments.inForce': 10 } });
  const current = (inForce: number) =>
    report({
      year: 2022,
      cells: {
        'active.normativeDocuments.issued': 3,
        'active.normativeDocuments.repealed': 1,
        'active.normativeDocuments.inForce': inForce,
      },
    });

  it('is silent when 现行有效 = last year’s + 制发 − 废止', () => {
    assert.deepEqual(crossYearFindings(previous, current(12)), []);
  });

  it('finds a gap, as info, and says amendments can explain it', () => {
    const f = onlyOf(crossYearFindings(previous, current(13)), 'crossYear.inForce');
    assert.equal(f.severity, 'info');
    assert.equal(f.expected, 12);
    assert.equal(f.actual, 13);
    assert.deepEqual(f.cells, [
      'active.normativeDocuments.inForce',
      'active.normativeDocuments.issued',
      'active.normativeDocuments.repealed',
    ]);
    assert.match(f.message, /^表二 行政规范性文件 现行有效件数为 13，但 2021 年报告的现行有效件数 10/);
    assert.match(f.message, /修改/);
  });

  it('never compares the 2019 对外公开总数量 with 现行有效件数', () => {
    const old = report({ format: '2019', year: 2020, cells: { 'active.normativeDocuments.total': 40 } });
    assert.deepEqual(ofRule(crossYearFindings(old, current(13)), 'crossYear.inForce'), []);
  });
});

// ------------------------------------------------------------------ crossYear.previous

describe('crossYear.previous', () => {
  const previous = report({
    format: '2019',
    year: 2019,
    cells: { 'active.licensing.previous': 10, 'active.licensing.change': -3 },
  });

  it('is silent when 上一年项目数量 = last year’s + 本年增/减', () => {
    const current = report({ format: '2019', year: 2020, cells: { 'active.licensing.previous': 7 } });
    assert.deepEqual(crossYearFindings(previous, current), []);
  });

  it('finds a gap, as info', () => {
    const current = report({ format: '2019', year: 2020, cells: { 'active.licensing.previous': 10 } });
    const f = onlyOf(crossYearFindings(previous, current), 'crossYear.previous');
    assert.equal(f.severity, 'info');
    assert.equal(f.expected, 7);
    assert.equal(f.actual, 10);
    assert.deepEqual(f.cells, ['active.licensing.previous']);
    assert.match(f.message, /^表二 行政许可 上一年项目数量为 10，但 2019 年报告的上一年项目数量 10 减 3/);
  });

  it('does not apply once the format has no 上一年项目数量', () => {
    const current = report({ format: '2021', year: 2021 });
    assert.deepEqual(
      ofRule(
        crossYearFindings(
          report({ format: '2019', year: 2020, cells: { 'active.licensing.previous': 5 } }),
          current,
        ),
        'crossYear.previous',
      ),
      [],
    );
  });
});

// ------------------------------------------------------------------ crossYear.magnitude

describe('crossYear.magnitude', () => {
  const fees = (year: number, amountWan: number | null) =>
    report({ year, cells: { 'active.fees.amountWan': amountWan } });

  it('flags 1 → 1000 (元 typed into a 万元 column)', () => {
    const f = onlyOf(crossYearFindings(fees(2021, 1), fees(2022, 1000)), 'crossYear.magnitude');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, ['active.fees.amountWan']);
    assert.equal(f.expected, 1);
    assert.equal(f.actual, 1000);
    assert.match(
      f.message,
      /^表二 行政事业性收费 本年收费金额（单位：万元）为 1000，是 2021 年报告（1）的 1,000 倍/,
    );
    assert.match(f.message, /万元/);
  });

  it('flags the jump downwards too', () => {
    const f = onlyOf(crossYearFindings(fees(2021, 52000), fees(2022, 52)), 'crossYear.magnitude');
    assert.match(f.message, /仅为 2021 年报告（52000）的 1,000 分之一/);
  });

  it('ignores zeros, blanks and jumps under 1,000×', () => {
    assert.deepEqual(crossYearFindings(fees(2021, 0), fees(2022, 5)), []);
    assert.deepEqual(crossYearFindings(fees(2021, null), fees(2022, 5000)), []);
    assert.deepEqual(crossYearFindings(fees(2021, 1), fees(2022, 999)), []);
  });

  it('lists the cells of one table in one finding', () => {
    const previous = report({
      year: 2021,
      cells: { 'requests.received.naturalPerson': 2, 'requests.received.total': 2 },
    });
    const current = report({
      year: 2022,
      cells: { 'requests.received.naturalPerson': 2000, 'requests.received.total': 2000 },
    });
    const f = onlyOf(crossYearFindings(previous, current), 'crossYear.magnitude');
    assert.deepEqual(f.cells, ['requests.received.naturalPerson', 'requests.received.total']);
    assert.match(f.message, /^表三有 2 个单元格与 2021 年报告相差 1,000 倍以上/);
  });

  it('compares only cells both formats print with the same meaning', () => {
    const previous = report({ format: '2019', year: 2020, cells: { 'active.procurement.amountWan': 1 } });
    const current = report({ format: '2021', year: 2021, cells: { 'active.fees.amountWan': 5000 } });
    assert.deepEqual(crossYearFindings(previous, current), []);
  });
});

// ------------------------------------------------------------------ similarity: text

/** A stock 「五」 a township might carry over: the year and the body's name are what changes. */
function problems(name: string, year: number): string {
  return (
    `${year}年，${name}政府信息公开工作取得了一定成效，但也存在一些不足：一是信息公开的及时性和规范性还需进一步加强，部分栏目内容更新不够及时；` +
    `二是政策解读的形式较为单一，图解、视频等解读方式运用较少；三是工作人员的业务水平有待提高。` +
    `下一步，${name}将加强业务培训，丰富解读形式，及时更新栏目内容，不断提升政府信息公开工作质量。`
  );
}

const OTHER_PROBLEMS =
  '本年度我局在网站集约化迁移中暂停了部分专栏，导致预算信息推送迟缓；群众对涉农补贴发放明细的查询需求增长较快，现有检索功能难以满足。' +
  '为此，我局拟与财政部门共建补贴发放查询接口，并在乡镇便民服务中心增设触摸屏查询终端，力争在明年六月底前完成调试并投入使用。';

/** What every report prints by rule: the statutory opening, the period, the nil statement, a heading. */
const BOILERPLATE_ONLY =
  '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条规定和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。\n' +
  '本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。\n' +
  '本报告电子版可在孝义市人民政府门户网站下载。如对本报告有任何疑问，请与本单位政务公开办公室联系（地址：孝义市振兴路1号；邮编：032300；电话：0358-1234567）。\n' +
  '六、其他需要报告的事项\n本年度无其他需要报告的事项。';

/** Records that differ only in agency, year and narrative: built once per year, then copied (no parsing). */
const bases = new Map<number, ReportRecord>();
function sectioned(agency: string, year: number, text5: string, text1?: string): ReportRecord {
  const base = bases.get(year) ?? bases.set(year, report({ year })).get(year)!;
  const texts: Partial<Record<SectionNumber, string>> = { 5: text5, ...(text1 ? { 1: text1 } : {}) };
  return {
    ...base,
    agency,
    sections: base.sections.map((s) => ({ ...s, text: texts[s.number as SectionNumber] ?? s.text })),
  };
}

function batch(...records: ReportRecord[]) {
  return records.map((record, i) => ({ key: reportKeyOf(`r${i}`, record), record }));
}

describe('similarity', () => {
  const zhenxing2021 = sectioned('孝义市振兴街道办事处', 2021, problems('振兴街道', 2021));
  const zhenxing2022 = sectioned('孝义市振兴街道办事处', 2022, problems('振兴街道', 2022));
  const xinyi2022 = sectioned('孝义市新义街道办事处', 2022, problems('新义街道', 2022));
  const bureau2022 = sectioned('孝义市农业农村局', 2022, OTHER_PROBLEMS);

  it('finds a section carried over from the body’s own previous report with only the year changed', () => {
    const out = corpusFindings(batch(zhenxing2021, zhenxing2022));
    assert.deepEqual(out.get('r0'), []);
    const f = onlyOf(out.get('r1')!, 'similarity.ownPast');
    assert.equal(f.severity, 'warning');
    assert.equal(f.text?.section, 5);
    assert.match(f.text!.quote, /^2022年，振兴街道政府信息公开工作取得了一定成效/);
    assert.ok(f.text!.quote.length <= 121);
    assert.match(
      f.message,
      /^五、存在的主要问题及改进情况 与 孝义市振兴街道办事处2021年报告的相应部分几乎相同（相似度 100%），共有段落：「/,
    );
  });

  it('finds a section another body printed the same year under its own name', () => {
    const out = corpusFindings(batch(zhenxing2022, xinyi2022, bureau2022));
    const f = onlyOf(out.get('r0')!, 'similarity.peer');
    assert.match(f.message, /与 孝义市新义街道办事处2022年报告的相应部分几乎相同/);
    assert.equal(onlyOf(out.get('r1')!, 'similarity.peer').text?.section, 5);
    assert.deepEqual(out.get('r2'), []);
  });

  it('does not call another body’s report of another year a peer', () => {
    const out = corpusFindings(batch(zhenxing2021, xinyi2022));
    assert.deepEqual([...out.values()].flat(), []);
  });

  it('finds a copy with a few words changed, and quotes what is shared verbatim', () => {
    const edited = problems('新义街道', 2022).replace('视频', '动漫');
    const out = corpusFindings(batch(zhenxing2022, sectioned('孝义市新义街道办事处', 2022, edited)));
    const f = onlyOf(out.get('r1')!, 'similarity.peer');
    const percent = Number(/相似度 (\d+)%/.exec(f.message)![1]);
    assert.ok(percent >= 85 && percent < 100, f.message);
    assert.match(f.text!.quote, /新义街道/);
  });

  it('leaves unrelated sections alone', () => {
    const out = corpusFindings(batch(zhenxing2022, bureau2022));
    assert.deepEqual([...out.values()].flat(), []);
  });

  it('does not count sections every report prints by rule', () => {
    const a = report({ agency: '孝义市振兴街道办事处', texts: { 1: BOILERPLATE_ONLY, 6: BOILERPLATE_ONLY } });
    const b = report({ agency: '汾阳市文峰街道办事处', texts: { 1: BOILERPLATE_ONLY, 6: BOILERPLATE_ONLY } });
    const index = new SimilarityIndex();
    index.add(reportKeyOf('a', a), a);
    assert.equal(index.sections, 0, 'boilerplate alone is not indexed');
    assert.deepEqual([...corpusFindings(batch(a, b)).values()].flat(), []);
  });

  it('ignores short sections', () => {
    const short = '存在的问题是公开内容还不够全面，下一步将加强培训、提升公开质量。';
    const out = corpusFindings(
      batch(sectioned('甲街道办事处', 2022, short), sectioned('乙街道办事处', 2022, short)),
    );
    assert.deepEqual([...out.values()].flat(), []);
  });

  it('does not compare a report with itself or with another version of the same body-year', () => {
    const out = corpusFindings(batch(zhenxing2022, zhenxing2022));
    assert.deepEqual([...out.values()].flat(), []);
  });
});

// ------------------------------------------------------------------ similarity: the index

/** Prose that reads like a report but is different every time: words of 2–4 characters from a pool. */
const CHARACTERS =
  '政府信息公开工作年度报告主动依申请办理平台建设监督保障规范管理制度机制完善推进落实加强提升服务群众企业社会关切回应解读政策文件发布审核保密审查网站新媒体栏目更新培训考核评议责任追究重点领域财政预算决算民生教育医疗就业社保环境安全应急乡村振兴营商环境项目资金采购招标征收补偿救助养老住房交通水利农业林业文化旅游卫生健康市场监管统计审计司法民政人社自然资源生态城乡规划';

function words(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    const length = rng.int(2, 4);
    for (let j = 0; j < length; j++) out += CHARACTERS[rng.int(0, CHARACTERS.length - 1)];
  }
  return out;
}

function prose(rng: Rng, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++)
    out.push(`${words(rng, rng.int(5, 9))}，${words(rng, rng.int(4, 8))}。`);
  return out.join('');
}

function key(id: string, body: string, year: number, agency = body): ReportKey {
  return { id, bodyKey: body, year, agency };
}

describe('SimilarityIndex', () => {
  const rng = createRng(7);
  const texts = Array.from({ length: 40 }, () => prose(rng, 6));
  const records = texts.map((t, i) => sectioned(`第${i}街道办事处`, 2022, t, prose(rng, 10)));
  const build = () => {
    const index = new SimilarityIndex();
    records.forEach((r, i) => index.add(key(`r${i}`, `b${i}`, 2022, r.agency!), r));
    return index;
  };

  it('finds a planted copy among unrelated reports, and nothing else', () => {
    const index = build();
    const copy = sectioned('某某街道办事处', 2022, texts[17]!);
    const matches = index.query(copy);
    assert.deepEqual(
      matches.map((m) => [m.key.id, m.section]),
      [['r17', 5]],
    );
    assert.equal(matches[0]!.similarity, 1);
    assert.equal(matches[0]!.passage, texts[17]!.slice(0, 120) + '…');
  });

  it('round-trips through bytes: same queries, same bytes again', () => {
    const index = build();
    const bytes = index.serialize();
    const copy = SimilarityIndex.deserialize(bytes);
    assert.equal(copy.size, index.size);
    assert.equal(copy.sections, index.sections);
    assert.deepEqual(copy.params, index.params);
    for (const r of records.slice(0, 10)) assert.deepEqual(copy.query(r), index.query(r));
    assert.deepEqual(copy.serialize(), bytes);
    // Bytes at an odd offset of a larger buffer (as a database driver may hand them back) load too.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    assert.equal(SimilarityIndex.deserialize(shifted.subarray(1)).sections, index.sections);
  });

  it('refuses bytes that are not an index', () => {
    assert.throws(() => SimilarityIndex.deserialize(new Uint8Array([1, 2, 3])), /not a similarity index/);
    const bytes = build().serialize();
    assert.throws(() => SimilarityIndex.deserialize(bytes.subarray(0, bytes.length - 64)), /truncated/);
  });

  it('is deterministic: the same reports give the same bytes and findings', () => {
    assert.deepEqual(build().serialize(), build().serialize());
    const all = batch(...records, sectioned('某某街道办事处', 2022, texts[3]!));
    assert.deepEqual([...corpusFindings(all)], [...corpusFindings(all)]);
  });

  it('takes profiles made elsewhere (ingest workers) and gives the same answers', () => {
    const fromRecords = build();
    const fromProfiles = new SimilarityIndex();
    records.forEach((r, i) => {
      const profile = structuredClone(profileReport(r));
      fromProfiles.add(key(`r${i}`, `b${i}`, 2022, r.agency!), profile);
    });
    assert.deepEqual(fromProfiles.serialize(), fromRecords.serialize());
    const copy = sectioned('某某街道办事处', 2022, texts[17]!);
    assert.deepEqual(fromProfiles.query(profileReport(copy)), fromRecords.query(copy));
    assert.throws(() => fromProfiles.query(profileReport(copy, { seed: 1 })), /other parameters/);
  });

  it('takes a profile sent as its bytes and sentence texts (ingest workers) as the profile itself', () => {
    const copy = sectioned('某某街道办事处', 2022, texts[17]!);
    for (const record of [...records.slice(0, 8), copy]) {
      const profile = profileReport(record);
      const texts = sentenceTexts(profile);
      assert.ok(texts.length > 0);
      assert.deepEqual(decodeProfile(encodeProfile(profile), texts), profile);
      assert.throws(() => decodeProfile(encodeProfile(profile), texts.slice(1)), /do not fit/);
      assert.throws(() => decodeProfile(encodeProfile(profile), [...texts, 'x']), /do not fit/);
    }
  });

  it('removes and replaces reports', () => {
    const index = build();
    index.remove('r17');
    assert.equal(index.size, records.length - 1);
    assert.deepEqual(index.query(sectioned('某某街道办事处', 2022, texts[17]!)), []);
    index.add(key('r17', 'b17', 2022), records[17]!);
    index.add(key('r17', 'b17', 2022), records[17]!);
    assert.equal(index.size, records.length);
    assert.equal(index.query(sectioned('某某街道办事处', 2022, texts[17]!)).length, 1);
    const after = SimilarityIndex.deserialize(index.serialize());
    assert.equal(after.size, records.length);
  });

  it('compacts after many removals and still answers', () => {
    const index = new SimilarityIndex();
    const local = createRng(11);
    const many = Array.from({ length: 1500 }, (_, i) => sectioned(`街道${i}`, 2022, prose(local, 5)));
    many.forEach((r, i) => index.add(key(`m${i}`, `b${i}`, 2022), r));
    for (let i = 0; i < 1400; i++) index.remove(`m${i}`);
    assert.equal(index.size, 100);
    assert.equal(index.query(many[1450]!, { excludeId: 'none' })[0]?.key.id, 'm1450');
    assert.equal(index.query(many[10]!).length, 0);
  });

  it('works for the store through similarityFindings: own past and peers only', () => {
    const index = new SimilarityIndex();
    const text = (name: string, year: number) => problems(name, year);
    const entries: [ReportKey, ReportRecord][] = [
      [key('a21', 'A', 2021, '甲街道办事处'), sectioned('甲街道办事处', 2021, text('甲街道', 2021))],
      [key('a22', 'A', 2022, '甲街道办事处'), sectioned('甲街道办事处', 2022, text('甲街道', 2022))],
      [key('b22', 'B', 2022, '乙街道办事处'), sectioned('乙街道办事处', 2022, text('乙街道', 2022))],
      [key('c22', 'C', 2022, '丙街道办事处'), sectioned('丙街道办事处', 2022, text('丙街道', 2022))],
      [key('d20', 'D', 2020, '丁街道办事处'), sectioned('丁街道办事处', 2020, text('丁街道', 2020))],
    ];
    for (const [k, r] of entries) index.add(k, r);
    const [k, r] = entries[1]!;
    const findings = similarityFindings(r, k, index);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['similarity.ownPast', 'similarity.peer'],
    );
    assert.match(findings[1]!.message, /乙街道办事处2022年报告.*另有 1 份同年度报告的该部分也几乎相同/);

    // What the store recomputes when a report arrives: the body's next year, and the same year's peers.
    const ids = (i: number) => affectedReports(entries[i]![1], entries[i]![0], index).map((k) => k.id);
    assert.deepEqual(ids(0), ['a22']);
    assert.deepEqual(ids(2), ['a22', 'c22']);
    assert.deepEqual(ids(4), []);
  });
});

// ------------------------------------------------------------------ similarity: corpus boilerplate

describe('corpus boilerplate (document frequency)', () => {
  it('does not flag stock paragraphs a large share of the corpus prints, but still finds a real copy', () => {
    const rng = createRng(3);
    // Long enough that a report printing it with a few sentences of its own is still 85 % the same text.
    const stock = prose(rng, 40);
    const index = new SimilarityIndex({ commonMinReports: 100, commonFraction: 0.05 });
    const records: [ReportKey, ReportRecord][] = [];
    for (let i = 0; i < 200; i++) {
      // Every fifth report's 五 is the stock paragraph plus a few sentences of its own.
      const own = i % 5 === 0 ? `${stock}${prose(rng, 3)}` : prose(rng, 6);
      records.push([key(`s${i}`, `b${i}`, 2022), sectioned(`第${i}镇人民政府`, 2022, own)]);
    }
    const copied = prose(rng, 6);
    records.push([key('x1', 'x1', 2022), sectioned('甲镇人民政府', 2022, copied)]);
    records.push([key('x2', 'x2', 2022), sectioned('乙镇人民政府', 2022, copied)]);
    for (const [k, r] of records) index.add(k, r);

    const flagged = records.filter(([k, r]) => similarityFindings(r, k, index).length > 0).map(([k]) => k.id);
    assert.deepEqual(flagged, ['x1', 'x2']);

    // Without the frequency filter (a small batch), the stock paragraph does make them look alike.
    const naive = new SimilarityIndex({ commonMinReports: Number.MAX_SAFE_INTEGER });
    for (const [k, r] of records) naive.add(k, r);
    const [k0, r0] = records[0]!;
    assert.ok(similarityFindings(r0, k0, naive).length > 0);
  });
});

describe('a corpus written from stock sentences', () => {
  it('is not flagged once the corpus shows the sentences are stock', () => {
    // src/synthetic draws every narrative sentence from a pool of about a hundred: all are corpus boilerplate.
    const rng = createRng(1);
    const entries = Array.from({ length: 600 }, (_, i) => {
      const record = randomRecord(rng.fork(String(i)));
      return { key: reportKeyOf(`s${i}`, record), record };
    });
    const similarity = [...corpusFindings(entries).values()]
      .flat()
      .filter((f) => f.rule.startsWith('similarity.'));
    assert.deepEqual(similarity, []);
  });
});

// ------------------------------------------------------------------ scale (counts, not time)

describe('similarity at scale', () => {
  it('finds a planted near-duplicate among 20,000 sections while verifying few candidates', () => {
    const rng = createRng(2024);
    const index = new SimilarityIndex();
    const REPORTS = 10_000; // two compared sections each: 一 and 五
    let planted = '';
    for (let i = 0; i < REPORTS; i++) {
      const five = prose(rng, 5);
      if (i === 4321) planted = five;
      index.add(key(`r${i}`, `b${i}`, 2022), sectioned(`第${i}街道办事处`, 2022, five, prose(rng, 8)));
    }
    assert.equal(index.sections, 2 * REPORTS);

    // The copy changes one word, so its signature is not the original's.
    const copy = planted.replace(/^(..)/, '调整');
    const matches = index.query(sectioned('新街道办事处', 2022, copy, prose(rng, 8)));
    assert.deepEqual(
      matches.map((m) => m.key.id),
      ['r4321'],
    );
    assert.ok(index.lastQuery.verified <= 2 * DEFAULT_MAX_CANDIDATES);
    assert.ok(index.lastQuery.candidates <= 5, JSON.stringify(index.lastQuery));

    let verified = 0;
    let candidates = 0;
    const QUERIES = 200;
    for (let q = 0; q < QUERIES; q++) {
      index.query(sectioned('新街道办事处', 2022, prose(rng, 5), prose(rng, 8)));
      verified += index.lastQuery.verified;
      candidates += index.lastQuery.candidates;
    }
    assert.ok(candidates / QUERIES < 1, `unrelated queries found ${candidates} candidates`);
    assert.ok(verified / QUERIES < 1);
  });
});

describe('similarity over a corpus of one stock text', () => {
  // Every report prints the same paragraph with a sentence of its own: each band's bucket holds every
  // report of the year. Without the corpus-boilerplate discount (as in a small batch) all of it counts.
  const YEARS = [2020, 2021, 2022];
  const BODIES = 700;
  const rng = createRng(99);
  const stock = prose(rng, 30);
  const own = Array.from({ length: BODIES }, () => prose(rng, 1));
  const build = () => {
    const index = new SimilarityIndex({ commonMinReports: Number.MAX_SAFE_INTEGER });
    for (const year of YEARS) {
      for (let b = 0; b < BODIES; b++) {
        const text = `${stock}${own[b]}`;
        const agency = `第${b}街道办事处`;
        index.add(key(`r${b}-${year}`, `b${b}`, year, agency), sectioned(agency, year, text));
      }
    }
    return index;
  };

  it('walks a bounded part of each bucket, and only the buckets of its own year', () => {
    const index = build();
    const record = sectioned('第5街道办事处', 2022, `${stock}${own[5]}`);
    const findings = similarityFindings(record, key('r5-2022', 'b5', 2022), index);
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['similarity.ownPast', 'similarity.peer'],
    );
    const { bands } = index.params;
    // One compared section: at most DEFAULT_BUCKET_WALK entries of each of its bands' buckets, plus the
    // body's own sections of the two other years, compared directly.
    assert.ok(index.lastQuery.scanned <= bands * DEFAULT_BUCKET_WALK + 2, JSON.stringify(index.lastQuery));
    assert.ok(index.lastQuery.verified <= DEFAULT_MAX_CANDIDATES + 2);
  });

  it("finds the body's own previous report however crowded its buckets", () => {
    const index = build();
    // The previous report is among the oldest entries of every bucket, far beyond the walk.
    const record = sectioned('第0街道办事处', 2021, `${stock}${own[0]}`);
    const findings = similarityFindings(record, key('r0-2021', 'b0', 2021), index);
    const ownPast = onlyOf(findings, 'similarity.ownPast');
    assert.match(ownPast.message, /第0街道办事处2020年报告/);
  });

  it('searches every year when asked without a scope', () => {
    const index = build();
    const matches = index.query(sectioned('新街道办事处', 2023, `${stock}${own[9]}`));
    assert.deepEqual([...new Set(matches.map((m) => m.key.year))].sort(), YEARS);
  });
});

// ------------------------------------------------------------------ what ingest keeps of a year

describe('yearFacts, as ingest keeps them between years', () => {
  const fees = (year: number, amountWan: number | null) =>
    report({ year, cells: { 'active.fees.amountWan': amountWan } });
  const pairs = (): [ReportRecord, ReportRecord][] => {
    const previous = report({ year: 2021, cells: { 'requests.carriedForward.research': 2 } });
    return [
      [previous, report({ year: 2022, cells: { 'requests.carriedOver.research': null } })],
      [
        previous,
        report({
          year: 2022,
          cells: { 'requests.carriedOver.research': null },
          origins: { 'requests.carriedOver.research': { undetermined: 'shortRow' } },
        }),
      ],
      [previous, report({ year: 2022, cells: { 'requests.carriedOver.research': undefined } })],
      [
        report({ format: '2019', year: 2020, cells: { 'requests.carriedForward.commercial': 2 } }),
        report({ format: '2021', year: 2021, cells: { 'requests.carriedOver.commercial': 1 } }),
      ],
      [report({ year: 2021, cells: { 'active.normativeDocuments.inForce': 10 } }), report({ year: 2022 })],
      [fees(2021, 1), fees(2022, 1000)],
      [fees(2021, 52000.5), fees(2022, 52)],
    ];
  };

  it('gives the findings the records give, straight and through the cache', () => {
    const cache = new YearFactsCache();
    pairs().forEach(([previous, current], i) => {
      const expected = crossYearFindings(previous, current);
      assert.deepEqual(crossYearFindings(yearFacts(previous), yearFacts(current)), expected, `pair ${i}`);
      // As a parsing thread sends them: packed from the record, unpacked for the check.
      for (const record of [previous, current]) {
        assert.deepEqual(unpackYearFacts(structuredClone(packYearFacts(record))), yearFacts(record));
      }
      cache.remember(i, packYearFacts(previous));
      assert.deepEqual(
        crossYearFindings(cache.recall(i)!, unpackYearFacts(packYearFacts(current))),
        expected,
        `pair ${i}, cached`,
      );
    });
    assert.ok(
      pairs().some(([p, c]) => crossYearFindings(p, c).length > 0),
      'some pairs have findings',
    );
  });

  it('keeps at most its capacity, the oldest leaving first', () => {
    const cache = new YearFactsCache(2);
    const record = report({ year: 2021 });
    cache.remember(1, packYearFacts(record));
    cache.remember(2, packYearFacts(record));
    cache.remember(3, packYearFacts(record));
    assert.equal(cache.recall(1), undefined);
    assert.deepEqual(cache.recall(3), yearFacts(record));
  });
});
