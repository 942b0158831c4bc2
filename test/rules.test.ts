import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../src/diagnostics/index.ts';
import {
  CELLS,
  ReportRecord,
  SCHEMA_ID,
  SECTIONS,
  isOfficialFormat,
  nestCells,
  type CellOrigin,
  type CellValue,
  type FormatId,
} from '../src/record/index.ts';
import {
  RULES,
  RULES_BY_ID,
  RULE_IDS,
  checkRecord,
  ruleContext,
  type CheckOptions,
  type RuleId,
} from '../src/rules/index.ts';

// ------------------------------------------------------------------ builders

type SectionTexts = Partial<Record<1 | 2 | 3 | 4 | 5 | 6, string | null>>;

interface Build {
  format?: FormatId | 'legacy' | 'unknown';
  year?: number | null;
  agency?: string | null;
  agencyKind?: ReportRecord['agencyKind'];
  publishedOn?: string | null;
  period?: ReportRecord['period'];
  /** Cell values over the all-zero table of the format; `undefined` removes the cell. */
  cells?: Record<string, CellValue | undefined>;
  /** Origins by cell id; text defaults to the value as printed. */
  origins?: Record<string, Partial<CellOrigin>>;
  /** Section texts over the valid defaults; `null` removes the section. */
  texts?: SectionTexts;
  /** Replaces the sections outright. */
  sections?: ReportRecord['sections'];
  structure?: ReportRecord['structure'];
}

const VALID_TEXTS: Record<1 | 2 | 3 | 4 | 5 | 6, string> = {
  1: '本年度，本局认真贯彻《中华人民共和国政府信息公开条例》。（一）主动公开。全年主动公开政府信息120条。（二）依申请公开。严格按规定办理。（三）政府信息管理。健全发布审核机制。（四）平台建设。优化政府网站栏目。（五）监督保障。将政务公开纳入绩效考核。',
  2: '本年度主动公开政府信息情况见下表。',
  3: '本年度共收到政府信息公开申请0件，上年结转政府信息公开申请0件，结转下年度继续办理0件。',
  4: '本年度未发生因政府信息公开引起的行政复议和行政诉讼。',
  5: '存在的主要问题是公开内容不够全面。下一步，我们将加强培训，提升公开质量。',
  6: '本年度未收取信息处理费，无其他需要报告的事项。',
};

function zeroCells(format: FormatId): Record<string, CellValue> {
  return Object.fromEntries(CELLS[format].map((c) => [c.id, 0]));
}

function build(b: Build = {}): ReportRecord {
  const format = b.format ?? '2021';
  const year = b.year === undefined ? (format === '2019' ? 2020 : format === 'legacy' ? 2017 : 2022) : b.year;
  const base = isOfficialFormat(format) ? zeroCells(format) : {};
  const cells: Record<string, CellValue> = { ...base };
  for (const [id, value] of Object.entries(b.cells ?? {})) {
    if (value === undefined) delete cells[id];
    else cells[id] = value;
  }
  const origins = b.origins
    ? Object.fromEntries(
        Object.entries(b.origins).map(([id, o]) => [
          id,
          { text: o.text ?? String(cells[id] ?? ''), start: 0, end: 0, ...o } as CellOrigin,
        ]),
      )
    : undefined;
  const texts = { ...VALID_TEXTS, ...b.texts };
  const sections =
    b.sections ??
    SECTIONS.filter((s) => texts[s.number as 1] !== null).map((s) => ({
      number: s.number,
      title: s.title,
      printedNumber: s.numeral,
      text: texts[s.number as 1] as string,
    }));
  const record: ReportRecord = {
    schema: SCHEMA_ID,
    agency: b.agency === undefined ? '某某市交通运输局' : b.agency,
    agencyKind: b.agencyKind === undefined ? 'department' : b.agencyKind,
    year,
    period:
      b.period === undefined
        ? year === null
          ? null
          : { from: `${year}-01-01`, to: `${year}-12-31` }
        : b.period,
    format,
    publishedOn: b.publishedOn === undefined ? (year === null ? null : `${year + 1}-01-20`) : b.publishedOn,
    sections,
    tables: nestCells(cells),
    source: { name: 'test.txt', kind: 'text', sha256: '0'.repeat(64), url: null },
    ...(origins ? { origins } : {}),
    ...(b.structure ? { structure: b.structure } : {}),
  };
  return ReportRecord.parse(record);
}

function run(id: RuleId, record: ReportRecord, options: CheckOptions = {}): Finding[] {
  return RULES_BY_ID[id].check(ruleContext(record, options));
}

function only(id: RuleId, record: ReportRecord, options: CheckOptions = {}): Finding {
  const findings = run(id, record, options);
  assert.equal(findings.length, 1, `${id}: expected one finding, got ${JSON.stringify(findings, null, 1)}`);
  return findings[0]!;
}

function none(id: RuleId, record: ReportRecord, options: CheckOptions = {}): void {
  assert.deepEqual(run(id, record, options), [], `${id} should say nothing`);
}

function rules(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))].sort();
}

/** Sets a 表三 column's rows; everything else stays 0. */
function requestColumn(column: string, rows: Record<string, number | null>): Record<string, number | null> {
  return Object.fromEntries(Object.entries(rows).map(([row, v]) => [`requests.${row}.${column}`, v]));
}

const ROWS_2019_OUTCOMES = CELLS['2019']
  .filter((c) => c.table === 'requests' && c.column.key === 'total')
  .map((c) => c.row.key)
  .filter((r) => !['received', 'carriedOver', 'processedTotal', 'carriedForward'].includes(r));

// ------------------------------------------------------------------ registry

/** The single-report rules of the shared checks.md ("On one report"), with their severities. */
const CHECKS_MD: Record<string, Finding['severity']> = {
  'format.mismatch': 'error',
  'format.legacy': 'info',
  'section.missing': 'error',
  'section.order': 'warning',
  'table.missing': 'error',
  'table.rowMissing': 'error',
  'table.columnMissing': 'error',
  'table.extra': 'info',
  'cell.blank': 'warning',
  'cell.text': 'warning',
  'cell.negative': 'error',
  'cell.unitAssumed': 'info',
  'requests.balance': 'error',
  'requests.outcomeSum': 'error',
  'requests.rowTotal': 'error',
  'reviews.total': 'error',
  'text.requests': 'warning',
  'text.carry': 'warning',
  'text.reviews': 'warning',
  'text.active': 'warning',
  'date.beforeYearEnd': 'error',
  'date.late': 'warning',
  'period.partial': 'info',
  'content.overview': 'warning',
  'content.accountability': 'warning',
  'content.problems': 'warning',
  'content.fee': 'warning',
  'content.selfReference': 'warning',
  'content.otherYear': 'warning',
};
const PROPOSED: Record<string, Finding['severity']> = {
  'table.rowShort': 'error',
  'cell.undetermined': 'warning',
};

describe('registry', () => {
  it('registers every single-report rule of checks.md with its severity', () => {
    for (const [id, severity] of Object.entries(CHECKS_MD)) {
      const rule = RULES_BY_ID[id as RuleId];
      assert.ok(rule, `${id} is not registered`);
      assert.equal(rule.severity, severity, id);
    }
  });

  it('registers nothing beyond checks.md but the documented proposals', () => {
    for (const id of RULE_IDS)
      assert.ok(id in CHECKS_MD || id in PROPOSED, `${id} is neither in checks.md nor a proposal`);
    for (const [id, severity] of Object.entries(PROPOSED))
      assert.equal(RULES_BY_ID[id as RuleId].severity, severity);
  });

  it('keys each rule by its own id, cites official text and has a Chinese title', () => {
    assert.equal(RULES.length, RULE_IDS.length);
    for (const id of RULE_IDS) {
      const rule = RULES_BY_ID[id];
      assert.equal(rule.id, id);
      assert.match(rule.citation, /条例|国办/, id);
      assert.match(rule.title, /[\u4e00-\u9fff]/, id);
    }
  });
});

// ------------------------------------------------------------------ whole report

describe('checkRecord', () => {
  it('finds nothing in a valid 2021 report', () => {
    assert.deepEqual(checkRecord(build()), []);
  });

  it('finds nothing in a valid 2019-format report', () => {
    assert.deepEqual(checkRecord(build({ format: '2019' })), []);
  });

  it('never changes the record', () => {
    const record = build({ cells: { 'requests.received.total': 3 }, publishedOn: '2022-05-01' });
    const before = structuredClone(record);
    checkRecord(record);
    assert.deepEqual(record, before);
  });

  it('writes messages in Chinese without ids or English keys', () => {
    const broken = [
      build({
        format: '2019',
        year: 2022,
        cells: { 'requests.received.naturalPerson': 3, 'active.licensing.decisions': -1 },
      }),
      build({ cells: { 'requests.granted.naturalPerson': null, 'reviews.reconsideration.total': 4 } }),
      build({
        cells: { 'requests.granted.research': undefined, 'requests.other.unpaidFee.total': 1 },
        texts: { 6: '无' },
      }),
      build({
        texts: { 5: null, 1: '总体良好。', 3: '共收到政府信息公开申请5件。' },
        agencyKind: 'government',
      }),
    ];
    const findings = broken.flatMap((r) => checkRecord(r));
    assert.ok(findings.length > 10);
    for (const f of findings) {
      assert.doesNotMatch(f.message, /[A-Za-z]/, `${f.rule}: ${f.message}`);
      assert.match(f.message, /[\u4e00-\u9fff]/);
    }
  });
});

// ------------------------------------------------------------------ format

describe('format.mismatch', () => {
  it('flags a 2021-or-later report in the 2019 format', () => {
    const f = only('format.mismatch', build({ format: '2019', year: 2021 }));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /2021年度报告使用了旧版表格格式/);
  });
  it('flags a 2019 or 2020 report in the 2021 format', () => {
    assert.match(only('format.mismatch', build({ format: '2021', year: 2020 })).message, /新版表格格式/);
    only('format.mismatch', build({ format: '2021', year: 2019 }));
  });
  it('accepts the format of the year, and says nothing without a year', () => {
    none('format.mismatch', build({ format: '2019', year: 2020 }));
    none('format.mismatch', build({ format: '2021', year: 2023 }));
    none('format.mismatch', build({ format: '2019', year: null }));
  });
});

describe('format.legacy', () => {
  it('notes a pre-2019 report, and the table and structure rules skip it', () => {
    const record = build({ format: 'legacy', year: 2017, texts: { 5: null } });
    const f = only('format.legacy', record);
    assert.equal(f.severity, 'info');
    assert.match(f.message, /2017年度报告.*表格不作检查/);
    assert.deepEqual(rules(checkRecord(record)), ['format.legacy']);
  });
  it('says nothing about an official format', () => {
    none('format.legacy', build());
  });
});

// ------------------------------------------------------------------ sections

describe('section.missing', () => {
  it('names every absent part in one finding', () => {
    const f = only('section.missing', build({ texts: { 5: null, 6: null } }));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /缺少 2 个部分/);
    assert.match(f.message, /五、存在的主要问题及改进情况/);
    assert.match(f.message, /六、其他需要报告的事项/);
  });
  it('names a single absent part', () => {
    assert.equal(
      only('section.missing', build({ texts: { 4: null } })).message,
      '报告缺少「四、政府信息公开行政复议、行政诉讼情况」部分',
    );
  });
  it('says nothing when all six are there', () => {
    none('section.missing', build());
  });
});

describe('section.order', () => {
  const sections = () => build().sections.map((s) => ({ ...s }));
  it('flags parts out of order', () => {
    const s = sections();
    [s[1], s[2]] = [s[2]!, s[1]!];
    const f = only('section.order', build({ sections: s }));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /一、三、二、四、五、六/);
  });
  it('flags a part given twice', () => {
    const s = sections();
    s.splice(3, 0, { ...s[2]! });
    const found = run('section.order', build({ sections: s }));
    assert.ok(found.some((f) => /「三、收到和处理政府信息公开申请情况」出现了 2 次/.test(f.message)));
  });
  it('flags a misnumbered part, and accepts Arabic numerals that agree', () => {
    const s = sections();
    s[4]!.printedNumber = '四';
    s[0]!.printedNumber = '1';
    s[1]!.printedNumber = '（二）';
    const f = only('section.order', build({ sections: s }));
    assert.match(f.message, /「存在的主要问题及改进情况」编为「四」，应为「五」/);
    assert.deepEqual(f.text, { section: 5, quote: '四、存在的主要问题及改进情况' });
  });
  it('says nothing of parts in order, or printed without numerals', () => {
    none('section.order', build());
    const s = sections();
    for (const x of s) x.printedNumber = null;
    none('section.order', build({ sections: s }));
  });
});

// ------------------------------------------------------------------ tables

const reviewIds = CELLS['2021'].filter((c) => c.table === 'reviews').map((c) => c.id);

describe('table.missing', () => {
  it('flags a table with no cell', () => {
    const f = only(
      'table.missing',
      build({ cells: Object.fromEntries(reviewIds.map((id) => [id, undefined])) }),
    );
    assert.equal(f.severity, 'error');
    assert.equal(f.message, '未找到表四「四、政府信息公开行政复议、行政诉讼情况」');
  });
  it('flags all three when a 2019-or-later report has no recognisable table', () => {
    const found = run('table.missing', build({ format: 'unknown', year: 2022 }));
    assert.deepEqual(
      found.map((f) => f.message.slice(0, 5)),
      ['未找到表二', '未找到表三', '未找到表四'],
    );
  });
  it('says nothing of legacy reports or an unknown format without a year', () => {
    none('table.missing', build({ format: 'legacy', year: 2016 }));
    none('table.missing', build({ format: 'unknown', year: null }));
    none('table.missing', build());
  });
});

describe('table.rowMissing', () => {
  it('lists the absent rows of a table in one finding', () => {
    const gone = CELLS['2021'].filter((c) => c.row.key === 'granted' || c.row.key === 'partiallyGranted');
    const f = only(
      'table.rowMissing',
      build({ cells: Object.fromEntries(gone.map((c) => [c.id, undefined])) }),
    );
    assert.equal(f.severity, 'error');
    assert.equal(f.message, '表三缺少 2 行：三、本年度办理结果 （一）予以公开、（二）部分公开');
    assert.equal(f.cells?.length, 14);
    none('table.columnMissing', build({ cells: Object.fromEntries(gone.map((c) => [c.id, undefined])) }));
  });
  it('reports a header group with no cell as its rows', () => {
    const f = only(
      'table.rowMissing',
      build({
        format: '2019',
        cells: { 'active.procurement.projects': undefined, 'active.procurement.amountWan': undefined },
      }),
    );
    assert.equal(f.message, '表二缺少 1 行：政府集中采购');
  });
  it('says nothing when the whole table is absent (that is table.missing)', () => {
    none('table.rowMissing', build({ cells: Object.fromEntries(reviewIds.map((id) => [id, undefined])) }));
  });
});

describe('table.columnMissing', () => {
  const noResearch = Object.fromEntries(
    CELLS['2021']
      .filter((c) => c.table === 'requests' && c.column.key === 'research')
      .map((c) => [c.id, undefined]),
  );
  it('reports a column absent from every row once, not as missing rows', () => {
    const record = build({ cells: noResearch });
    const f = only('table.columnMissing', record);
    assert.equal(f.severity, 'error');
    assert.equal(f.message, '表三缺少 1 列：科研机构');
    assert.equal(f.cells?.length, CELLS['2021'].filter((c) => c.table === 'requests').length / 7);
    none('table.rowMissing', record);
  });
  it('names the header group of a 表二 column', () => {
    const f = only(
      'table.columnMissing',
      build({
        format: '2019',
        cells: {
          'active.regulations.published': undefined,
          'active.normativeDocuments.published': undefined,
        },
      }),
    );
    assert.equal(f.message, '表二缺少 1 列：第二十条第（一）项 本年新公开数量');
  });
  it('seed 002: reports columns whose header was left empty, though their blank cells are there', () => {
    const ids = [
      'active.regulations.published',
      'active.normativeDocuments.published',
      'active.licensing.change',
      'active.otherServices.change',
      'active.punishment.change',
      'active.coercion.change',
    ];
    const record = build({
      format: '2019',
      cells: Object.fromEntries(ids.map((id) => [id, null])),
      structure: { missingColumns: ids, extras: [] },
    });
    const f = only('table.columnMissing', record);
    assert.equal(
      f.message,
      '表二有 3 列的表头未印或为空：第二十条第（一）项 本年新公开数量、第二十条第（五）项 本年增/减、第二十条第（六）项 本年增/减',
    );
    assert.deepEqual(f.cells, ids);
    assert.equal(only('cell.blank', record).cells?.length, 6);
  });

  it('reports a single absent cell in a row and column that are there', () => {
    const f = only('table.columnMissing', build({ cells: { 'reviews.lawsuitDirect.other': undefined } }));
    assert.match(f.message, /表四缺少 1 个单元格：行政诉讼 未经复议直接起诉 其他结果/);
    assert.deepEqual(f.cells, ['reviews.lawsuitDirect.other']);
  });
});

describe('table.rowShort', () => {
  // Seed 001: every row from （一）予以公开 to 四、结转下年度 prints six numbers for seven columns.
  const shortRows = CELLS['2019'].filter(
    (c) => c.table === 'requests' && c.row.key !== 'received' && c.row.key !== 'carriedOver',
  );
  const seed001 = (text: string) =>
    build({
      format: '2019',
      agency: '大李庄乡人民政府',
      agencyKind: 'township',
      cells: Object.fromEntries(shortRows.map((c) => [c.id, null])),
      origins: Object.fromEntries(shortRows.map((c) => [c.id, { text, undetermined: 'shortRow' as const }])),
    });

  it('reports the short rows of a table in one finding, and they are neither blank nor summed', () => {
    const record = seed001('0\t0\t0\t0\t0\t0');
    const f = only('table.rowShort', record);
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      '表三 三、本年度办理结果 （一）予以公开、（二）部分公开、（三）不予公开 1.属于国家秘密 等 21 行只填报了 6 个数字，少于 7 列，无法确定对应哪一列，这些行未读取数值',
    );
    assert.equal(f.cells?.length, 21 * 7);
    const all = rules(checkRecord(record));
    assert.ok(all.includes('table.rowShort'));
    for (const r of ['cell.blank', 'requests.balance', 'requests.outcomeSum', 'requests.rowTotal']) {
      assert.ok(!all.includes(r), `${r} should not fire on undetermined cells`);
    }
  });
  it('leaves out the printed count when the origins do not carry the row', () => {
    const f = only('table.rowShort', seed001(''));
    assert.match(f.message, /等 21 行填报的数字少于 7 列/);
  });
  it('says nothing without short rows', () => {
    none('table.rowShort', build());
  });
});

describe('table.extra', () => {
  it('lists the non-official rows and columns of each table', () => {
    const record = build({
      structure: {
        missingColumns: [],
        extras: [
          { table: 'requests', label: '小计' },
          { table: 'requests', label: '法人或其他组织合计' },
          { table: 'active', label: '其他主动公开文件' },
        ],
      },
    });
    const found = run('table.extra', record);
    assert.deepEqual(
      found.map((f) => [f.severity, f.message]),
      [
        ['info', '表二有 1 个规定格式以外的行或列：「其他主动公开文件」；其数字未读取，也不计入任何合计'],
        [
          'info',
          '表三有 2 个规定格式以外的行或列：「小计」、「法人或其他组织合计」；其数字未读取，也不计入任何合计',
        ],
      ],
    );
  });
  it('says nothing without extras', () => {
    none('table.extra', build());
    none('table.extra', build({ structure: { missingColumns: [], extras: [] } }));
  });
});

// ------------------------------------------------------------------ cells

describe('cell.blank', () => {
  it('seed 004: blank outcome rows are one finding for 表三 listing every cell', () => {
    const blankRows = ROWS_2019_OUTCOMES.filter((r) => r !== 'unavailable.notHeld');
    const cells: Record<string, number | null> = {};
    for (const c of CELLS['2019'])
      if (c.table === 'requests' && blankRows.includes(c.row.key)) cells[c.id] = null;
    Object.assign(
      cells,
      requestColumn('naturalPerson', { received: 1, 'unavailable.notHeld': 1, processedTotal: 1 }),
      requestColumn('total', { received: 1, 'unavailable.notHeld': 1, processedTotal: 1 }),
    );
    const record = build({ format: '2019', agencyKind: 'government', cells });
    const f = only('cell.blank', record);
    assert.equal(f.severity, 'warning');
    assert.equal(f.cells?.length, 126);
    assert.match(
      f.message,
      /^表三有 126 个单元格留空，涉及 三、本年度办理结果 （一）予以公开、（二）部分公开、.* 等 18 行；/,
    );
    assert.match(f.message, /没有的填 0/);
    // Blanks count as 0: the printed totals still add up.
    assert.ok(!checkRecord(record).some((x) => x.severity === 'error'));
  });

  it('seed 002: blank cells in 表二 and 表三 give one finding per table, and blanks count as 0', () => {
    // 表二 left 本年新公开数量 and 本年增/减 empty; 表三 printed only 自然人 and 总计 of 予以公开 and 总计 of （七）.
    const cells: Record<string, number | null> = {};
    for (const id of ['regulations.published', 'normativeDocuments.published']) cells[`active.${id}`] = null;
    for (const row of ['licensing', 'otherServices', 'punishment', 'coercion'])
      cells[`active.${row}.change`] = null;
    for (const c of CELLS['2019']) {
      const outcome =
        ROWS_2019_OUTCOMES.includes(c.row.key) || ['processedTotal', 'carriedForward'].includes(c.row.key);
      if (c.table === 'requests' && c.column.key !== 'total' && outcome) cells[c.id] = null;
    }
    Object.assign(
      cells,
      requestColumn('naturalPerson', { received: 2, granted: 2 }),
      requestColumn('total', { received: 2, granted: 2, processedTotal: 2 }),
    );
    const record = build({
      format: '2019',
      year: 2020,
      publishedOn: '2020-01-31',
      agency: '松北区船口街道办事处',
      agencyKind: 'subdistrict',
      cells,
      texts: { 3: '2020年我街道依申请公开的政府信息2条。' },
    });
    const found = run('cell.blank', record);
    assert.deepEqual(
      found.map((f) => [f.message.slice(0, 2), f.cells?.length]),
      [
        ['表二', 6],
        ['表三', 125],
      ],
    );
    // A blank is 0: （七）总计 自然人列 (blank) does not hold the 2 granted, and the table says so.
    assert.deepEqual(rules(checkRecord(record)), [
      'cell.blank',
      'date.beforeYearEnd',
      'requests.balance',
      'requests.outcomeSum',
      'requests.rowTotal',
    ]);
  });

  it('tells a dash from a blank', () => {
    const f = only(
      'cell.blank',
      build({
        cells: { 'reviews.reconsideration.upheld': null },
        origins: { 'reviews.reconsideration.upheld': { text: '—' } },
      }),
    );
    assert.equal(
      f.message,
      '表四有 1 个单元格只填了「—」或「/」，涉及 行政复议 项；表格各项应填写数字，没有的填 0',
    );
  });

  it('says nothing when every cell holds a number', () => {
    none('cell.blank', build());
  });
});

describe('cell.text', () => {
  it('flags words inside a number cell, which is still read', () => {
    const record = build({
      cells: { 'active.normativeDocuments.issued': 22 },
      origins: { 'active.normativeDocuments.issued': { text: '22（其中修订16件）' } },
    });
    const f = only('cell.text', record);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, ['active.normativeDocuments.issued']);
    assert.match(
      f.message,
      /表二有 1 个数字单元格夹有文字（行政规范性文件 本年制发件数填为「22（其中修订16件）」），已按其中的数字读取/,
    );
  });
  it('accepts a number with its unit', () => {
    none(
      'cell.text',
      build({
        format: '2019',
        cells: { 'active.procurement.amountWan': 1.314, 'requests.received.total': 1200 },
        origins: {
          'active.procurement.amountWan': { text: '1.314万元' },
          'requests.received.total': { text: '1,200件' },
        },
      }),
    );
  });
});

describe('cell.negative', () => {
  it('flags a negative count', () => {
    const f = only('cell.negative', build({ cells: { 'active.licensing.decisions': -1 } }));
    assert.equal(f.severity, 'error');
    assert.equal(f.actual, -1);
    assert.match(f.message, /表二有 1 个单元格为负数（行政许可 本年处理决定数量为 -1）/);
  });
  it('accepts a negative 本年增/减 of the 2019 format', () => {
    none(
      'cell.negative',
      build({ format: '2019', cells: { 'active.licensing.change': -3, 'active.fees.change': -1 } }),
    );
  });
});

describe('cell.unitAssumed', () => {
  it('notes a 2019 采购总金额 read as 万元 for want of a unit, hinting at 元 when large', () => {
    const record = build({
      format: '2019',
      cells: { 'active.procurement.amountWan': 251000 },
      origins: { 'active.procurement.amountWan': { text: '251000', unit: 'assumed' } },
    });
    const f = only('cell.unitAssumed', record);
    assert.equal(f.severity, 'info');
    assert.deepEqual(f.cells, ['active.procurement.amountWan']);
    assert.equal(
      f.message,
      '表二 政府集中采购 采购总金额填报为「251000」，未注明单位，按万元读取；若单位是元，应为 25.1 万元',
    );
  });
  it('says nothing of a printed unit, or of 0', () => {
    none(
      'cell.unitAssumed',
      build({ format: '2019', origins: { 'active.procurement.amountWan': { text: '0', unit: 'assumed' } } }),
    );
    none(
      'cell.unitAssumed',
      build({
        format: '2019',
        cells: { 'active.procurement.amountWan': 25.1 },
        origins: { 'active.procurement.amountWan': { text: '251000元', unit: '元' } },
      }),
    );
  });
});

describe('cell.undetermined', () => {
  it('reports digits run together that split several ways', () => {
    const ids = ['naturalPerson', 'commercial', 'research'].map((c) => `requests.processedTotal.${c}`);
    const record = build({
      cells: Object.fromEntries(ids.map((id) => [id, null])),
      origins: Object.fromEntries(
        ids.map((id) => [id, { text: '898989', undetermined: 'ambiguousSplit' as const }]),
      ),
    });
    const f = only('cell.undetermined', record);
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.cells, ids);
    assert.equal(
      f.message,
      '表三 （七）总计 行数字连在一起（「898989」），有多种拆分方式都符合勾稽关系，未予读取',
    );
    none('cell.blank', record);
    none('requests.outcomeSum', record);
  });
});

// ------------------------------------------------------------------ identities

describe('requests.balance', () => {
  it('flags a column where 一 + 二 ≠ （七）总计 + 四', () => {
    const record = build({
      cells: {
        ...requestColumn('naturalPerson', { received: 3, carriedOver: 2, granted: 4, processedTotal: 4 }),
        ...requestColumn('total', { received: 3, carriedOver: 2, granted: 4, processedTotal: 4 }),
      },
    });
    const found = run('requests.balance', record);
    assert.equal(found.length, 2);
    const f = found[0]!;
    assert.equal(f.severity, 'error');
    assert.equal(f.expected, 5);
    assert.equal(f.actual, 4);
    assert.deepEqual(f.cells, [
      'requests.received.naturalPerson',
      'requests.carriedOver.naturalPerson',
      'requests.processedTotal.naturalPerson',
      'requests.carriedForward.naturalPerson',
    ]);
    assert.match(
      f.message,
      /^表三 自然人列：第一项本年新收（3）加第二项上年结转（2）为 5，但第三项（七）总计（4）加第四项/,
    );
  });
  it('counts a blank as 0, and says nothing when a cell is absent', () => {
    none('requests.balance', build({ cells: { 'requests.carriedForward.naturalPerson': null } }));
    none(
      'requests.balance',
      build({
        cells: { 'requests.received.naturalPerson': 2, 'requests.carriedForward.naturalPerson': undefined },
      }),
    );
  });
});

describe('requests.outcomeSum', () => {
  it('flags （七）总计 that is not the sum of the outcomes (2019 rows)', () => {
    const record = build({
      format: '2019',
      cells: requestColumn('naturalPerson', {
        granted: 20,
        partiallyGranted: 3,
        other: 3,
        processedTotal: 20,
      }),
    });
    const found = run('requests.outcomeSum', record);
    const f = found.find((x) => x.cells?.[0] === 'requests.processedTotal.naturalPerson')!;
    assert.equal(f.message, '表三 （七）总计 自然人列：各办理结果之和为 26，但填报为 20');
    assert.equal(f.expected, 26);
    assert.equal(f.actual, 20);
    assert.equal(f.cells?.length, 1 + ROWS_2019_OUTCOMES.length);
  });
  it('adds the three （六） rows of the 2021 format', () => {
    const cells = requestColumn('otherOrg', {
      'other.noCorrection': 1,
      'other.unpaidFee': 1,
      'other.otherReasons': 1,
      processedTotal: 3,
    });
    none('requests.outcomeSum', build({ cells }));
    const f = only(
      'requests.outcomeSum',
      build({ cells: { ...cells, 'requests.processedTotal.otherOrg': 2 } }),
    );
    assert.equal(f.message, '表三 （七）总计 其他列：各办理结果之和为 3，但填报为 2');
  });
});

describe('requests.rowTotal', () => {
  it('flags a row whose 总计 is not the sum of the six applicant columns', () => {
    const f = only(
      'requests.rowTotal',
      build({
        cells: {
          'requests.granted.naturalPerson': 4,
          'requests.granted.commercial': 1,
          'requests.granted.total': 4,
        },
      }),
    );
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      '表三 三、本年度办理结果 （一）予以公开 总计列：自然人与法人或其他组织各列之和为 5，但填报为 4',
    );
    assert.equal(f.expected, 5);
    assert.equal(f.actual, 4);
    assert.equal(f.cells?.[0], 'requests.granted.total');
  });
  it('says nothing of a consistent row', () => {
    none(
      'requests.rowTotal',
      build({ cells: { 'requests.granted.naturalPerson': 4, 'requests.granted.total': 4 } }),
    );
  });
});

describe('reviews.total', () => {
  it('flags a group whose 总计 is not the sum of its outcomes', () => {
    const f = only(
      'reviews.total',
      build({
        cells: {
          'reviews.reconsideration.upheld': 2,
          'reviews.reconsideration.pending': 1,
          'reviews.reconsideration.total': 2,
        },
      }),
    );
    assert.equal(f.severity, 'error');
    assert.equal(f.message, '表四 行政复议 总计：结果维持、结果纠正、其他结果、尚未审结之和为 3，但填报为 2');
    assert.equal(f.expected, 3);
    assert.equal(f.actual, 2);
  });
});

describe('seeds 000 and 003: all zeros', () => {
  it('give no identity or text finding in either format', () => {
    const seed000 = build({
      format: '2019',
      year: 2020,
      agency: '孝义市振兴街道办事处',
      agencyKind: 'subdistrict',
      publishedOn: '2021-01-28',
      cells: { 'active.procurement.projects': 1, 'active.procurement.amountWan': 1.314 },
      origins: { 'active.procurement.amountWan': { text: '1.314万元', unit: '万元' } },
      texts: { 3: '2020年，我街道没有受理政府信息公开申请事项。', 4: '无。' },
    });
    const seed003 = build({
      format: '2021',
      year: 2023,
      agency: '同江市繁荣街道',
      agencyKind: 'subdistrict',
      publishedOn: '2024-01-19',
      texts: {
        3: '2023年繁荣街道未收到政府信息公开申请。',
        6: '本单位本年度不涉及《政府信息公开信息处理费管理办法相关收取信息处理费的情况，另无其他需要报告的事项。',
      },
    });
    for (const record of [seed000, seed003]) {
      const findings = checkRecord(record);
      assert.deepEqual(
        findings.filter((f) => /^(requests|reviews|text|cell)\./.test(f.rule)),
        [],
      );
    }
  });
});

// ------------------------------------------------------------------ text against tables

describe('text.requests', () => {
  const withText = (sentence: string, received = 0, carriedOver = 0) =>
    build({
      texts: { 3: sentence },
      cells: {
        ...requestColumn('naturalPerson', {
          received,
          carriedOver,
          granted: received + carriedOver,
          processedTotal: received + carriedOver,
        }),
        ...requestColumn('total', {
          received,
          carriedOver,
          granted: received + carriedOver,
          processedTotal: received + carriedOver,
        }),
      },
    });

  it('flags a count that differs from 一、本年新收 总计, quoting the sentence', () => {
    const f = only('text.requests', withText('2022年，我乡共收到政府信息公开申请0件。', 2));
    assert.equal(f.severity, 'warning');
    assert.equal(f.expected, 2);
    assert.equal(f.actual, 0);
    assert.deepEqual(f.cells, ['requests.received.total']);
    assert.deepEqual(f.text, { section: 3, quote: '2022年，我乡共收到政府信息公开申请0件。' });
    assert.match(f.message, /表三 一、本年新收政府信息公开申请数量 总计列填报为 2/);
  });
  it('reads 新收, Chinese numerals and 「未收到」', () => {
    assert.equal(only('text.requests', withText('全年新收政府信息公开申请12件。', 11)).actual, 12);
    assert.equal(only('text.requests', withText('共收到信息公开申请两件。', 3)).actual, 2);
    assert.equal(only('text.requests', withText('本年度收到政府信息公开申请十五件。', 3)).actual, 15);
    assert.equal(only('text.requests', withText('2023年繁荣街道未收到政府信息公开申请。', 1)).actual, 0);
    none('text.requests', withText('全年新收政府信息公开申请12件。', 12));
  });
  it('takes 「收到」 as 新收 and says why when the text added the carried-over requests', () => {
    const f = only('text.requests', withText('本年度共收到政府信息公开申请5件。', 4, 1));
    assert.match(f.message, /新收与上年结转之和/);
  });
  it('ignores information counts and sentences about 行政复议 or 行政诉讼', () => {
    none('text.requests', withText('2020年我街道依申请公开的政府信息2条。', 0));
    none('text.requests', withText('收到因政府信息公开申请引起的行政复议申请1件。', 0));
    none('text.requests', withText('本年度没有发生因政府信息公开申请行政复议和提起行政诉讼的案件。', 3));
  });
});

describe('text.carry', () => {
  it('flags 上年结转 and 结转下年度 counts that differ from the table', () => {
    const record = build({
      texts: { 3: '上年结转信息公开申请0件，结转下年度继续办理2件。' },
      cells: {
        ...requestColumn('naturalPerson', { carriedOver: 1, granted: 1, processedTotal: 1 }),
        ...requestColumn('total', { carriedOver: 1, granted: 1, processedTotal: 1 }),
      },
    });
    const found = run('text.carry', record);
    assert.deepEqual(
      found.map((f) => [f.cells?.[0], f.expected, f.actual]),
      [
        ['requests.carriedOver.total', 1, 0],
        ['requests.carriedForward.total', 0, 2],
      ],
    );
    assert.match(
      found[0]!.message,
      /正文称上年结转申请 0 件.*表三 二、上年结转政府信息公开申请数量 总计列填报为 1/,
    );
  });
  it('says nothing when they agree', () => {
    none('text.carry', build());
  });
});

describe('text.reviews', () => {
  it('flags a 行政复议 count that differs from 表四', () => {
    const f = only(
      'text.reviews',
      build({
        texts: { 4: '本年度发生行政复议案件2起。' },
        cells: { 'reviews.reconsideration.upheld': 1, 'reviews.reconsideration.total': 1 },
      }),
    );
    assert.equal(f.expected, 1);
    assert.equal(f.actual, 2);
    assert.deepEqual(f.cells, ['reviews.reconsideration.total']);
  });
  it('reads 「行政复议0件」 and 「没有发生…行政复议和…行政诉讼」 as none of either', () => {
    const lawsuit = { 'reviews.lawsuitDirect.pending': 1, 'reviews.lawsuitDirect.total': 1 };
    const f = only('text.reviews', build({ cells: lawsuit }));
    assert.equal(f.actual, 0);
    assert.equal(f.expected, 1);
    assert.deepEqual(f.cells, ['reviews.lawsuitDirect.total', 'reviews.lawsuitAfterReconsideration.total']);
    assert.match(f.message, /表四 行政诉讼（未经复议直接起诉、复议后起诉）总计填报为 1/);
    const g = only(
      'text.reviews',
      build({
        texts: { 4: '行政复议0件，行政诉讼1件。' },
        cells: { 'reviews.reconsideration.total': 1, 'reviews.reconsideration.pending': 1, ...lawsuit },
      }),
    );
    assert.equal(g.cells?.[0], 'reviews.reconsideration.total');
  });
  it('ignores reconsiderations outside disclosure work', () => {
    none('text.reviews', build({ texts: { 1: `${VALID_TEXTS[1]}全年依法办理行政复议案件35件。` } }));
  });
});

describe('text.active', () => {
  it('compares 制发 and 现行有效 规范性文件 with 表二 (2021)', () => {
    const record = build({
      texts: { 2: '本年度制发规范性文件3件，现行有效规范性文件15件。' },
      cells: { 'active.normativeDocuments.issued': 2, 'active.normativeDocuments.inForce': 15 },
    });
    const f = only('text.active', record);
    assert.deepEqual([f.cells, f.expected, f.actual], [['active.normativeDocuments.issued'], 2, 3]);
    assert.match(f.message, /表二 行政规范性文件 本年制发件数填报为 2/);
  });
  it('compares with 本年新制作数量 and 对外公开总数量 in the 2019 format', () => {
    const texts = { 2: '本年度制发规范性文件2件，现行有效规范性文件116件。' };
    none(
      'text.active',
      build({
        format: '2019',
        texts,
        cells: { 'active.normativeDocuments.made': 2, 'active.normativeDocuments.total': 116 },
      }),
    );
    assert.equal(
      only('text.active', build({ format: '2019', texts, cells: { 'active.normativeDocuments.made': 2 } }))
        .cells?.[0],
      'active.normativeDocuments.total',
    );
  });
});

// ------------------------------------------------------------------ dates

describe('date.beforeYearEnd', () => {
  it('seed 002: a report dated 2020-01-31 for 2020', () => {
    const f = only('date.beforeYearEnd', build({ format: '2019', year: 2020, publishedOn: '2020-01-31' }));
    assert.equal(f.severity, 'error');
    assert.match(f.message, /报告日期为 2020年1月31日/);
    only('date.beforeYearEnd', build({ year: 2022, publishedOn: '2022-12-31' }));
  });
  it('accepts a date after the year', () => {
    none('date.beforeYearEnd', build({ year: 2022, publishedOn: '2023-01-01' }));
    none('date.beforeYearEnd', build({ publishedOn: null }));
  });
});

describe('date.late', () => {
  it('holds departments to 1月31日 and governments to 3月31日', () => {
    const f = only('date.late', build({ year: 2022, agencyKind: 'department', publishedOn: '2023-02-01' }));
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, '报告发布日期为 2023年2月1日，晚于政府部门年报的公开期限 2023年1月31日');
    none('date.late', build({ year: 2022, agencyKind: 'department', publishedOn: '2023-01-31' }));
    none('date.late', build({ year: 2022, agencyKind: 'government', publishedOn: '2023-03-31' }));
    only('date.late', build({ year: 2022, agencyKind: 'government', publishedOn: '2023-04-01' }));
  });
  it('checks townships and sub-districts only against a configured local date', () => {
    const record = build({ year: 2022, agencyKind: 'township', publishedOn: '2023-02-20' });
    none('date.late', record);
    assert.match(
      only('date.late', record, { localDeadline: '02-15' }).message,
      /乡镇年报的公开期限 2023年2月15日/,
    );
    none('date.late', record, { localDeadline: '02-28' });
  });
  it('holds reports under the 2007 条例 to 3月31日', () => {
    none('date.late', build({ format: 'legacy', year: 2017, publishedOn: '2018-03-01' }));
    only('date.late', build({ format: 'legacy', year: 2017, publishedOn: '2018-04-02' }));
  });
});

describe('period.partial', () => {
  it('notes a period that is not the whole year', () => {
    const f = only('period.partial', build({ year: 2022, period: { from: '2022-03-01', to: '2022-12-31' } }));
    assert.equal(f.severity, 'info');
    assert.equal(f.message, '统计期限为 2022年3月1日至2022年12月31日，不是2022年1月1日至12月31日的整个年度');
  });
  it('says nothing of a whole year or of no printed period', () => {
    none('period.partial', build());
    none('period.partial', build({ period: null }));
  });
});

// ------------------------------------------------------------------ content

describe('content.overview', () => {
  it('lists the aspects 总体情况 leaves out', () => {
    const f = only(
      'content.overview',
      build({ texts: { 1: '本年度，本局主动公开政府信息50条，依申请公开工作规范有序，监督保障有力。' } }),
    );
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^「一、总体情况」未涉及政府信息管理、平台建设；/);
    assert.equal(f.text?.section, 1);
  });
  it('matches the aspects loosely', () => {
    none(
      'content.overview',
      build({
        texts: {
          1: '主动公开有序。收到公开申请均按时答复。政府信息资源的规范化、标准化管理情况良好。平台运行平稳。监督有力。',
        },
      }),
    );
  });
});

describe('content.accountability', () => {
  it('flags a government report silent on 考核、社会评议、责任追究', () => {
    const texts = { 1: '主动公开、依申请公开、政府信息管理、平台建设、监督保障工作均有进展。' };
    const f = only(
      'content.accountability',
      build({ agencyKind: 'government', agency: '某某县人民政府', texts }),
    );
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /工作考核、社会评议和责任追究结果/);
    none('content.accountability', build({ agencyKind: 'department', texts }));
    none('content.accountability', build({ agencyKind: 'government' }));
  });
});

describe('content.problems', () => {
  it('flags 五 that is empty, 「无」, or without improvement measures', () => {
    assert.match(only('content.problems', build({ texts: { 5: '' } })).message, /没有内容/);
    assert.match(only('content.problems', build({ texts: { 5: '无。' } })).message, /只写了「无。」/);
    const f = only(
      'content.problems',
      build({ texts: { 5: '一是公开内容不够全面；二是公开时效不够及时。' } }),
    );
    assert.match(f.message, /未写改进措施/);
    assert.equal(f.text?.section, 5);
  });
  it('accepts problems with measures', () => {
    none('content.problems', build());
  });
});

describe('content.fee', () => {
  it('flags a 2021 六 silent on 信息处理费, and accepts a nil statement', () => {
    const f = only('content.fee', build({ texts: { 6: '无。' } }));
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /未说明信息处理费的收取情况/);
    none(
      'content.fee',
      build({
        texts: { 6: '本单位本年度不涉及《政府信息公开信息处理费管理办法》相关收取信息处理费的情况。' },
      }),
    );
    none('content.fee', build({ format: '2019', texts: { 6: '无。' } }));
  });
  it('flags （六）2 unpaid fees when 六 reports no fee notice', () => {
    const cells = requestColumn('total', { received: 2, 'other.unpaidFee': 2, processedTotal: 2 });
    const f = only('content.fee', build({ cells, texts: { 6: '本单位无收费事项。' } }));
    assert.deepEqual([f.cells, f.actual], [['requests.other.unpaidFee.total'], 2]);
    assert.match(f.message, /表三（六）其他处理 2.逾期未缴纳费用 为 2 件/);
    none('content.fee', build({ cells, texts: { 6: '本年度发出收费通知2件，申请人均逾期未缴纳。' } }));
  });
});

describe('content.selfReference', () => {
  it('seed 001: a 乡 whose text says 我镇', () => {
    const record = build({
      agency: '大李庄乡人民政府',
      agencyKind: 'township',
      texts: {
        1: `${VALID_TEXTS[1]}我乡政府对照公开制度、专项工作和工作推进三个方面，深入推进我镇信息公开工作。`,
      },
    });
    const f = only('content.selfReference', record);
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      '报告主体为「大李庄乡人民政府」，正文却自称「我镇」（共 1 处），可能套用了其他单位的报告',
    );
    assert.deepEqual(f.text, {
      section: 1,
      quote: '我乡政府对照公开制度、专项工作和工作推进三个方面，深入推进我镇信息公开工作。',
    });
  });
  it('flags 我局 in a 街道 report, but not 我街镇 or 我乡村振兴', () => {
    const street = { agency: '松北区船口街道办事处', agencyKind: 'subdistrict' as const };
    assert.match(
      only('content.selfReference', build({ ...street, texts: { 5: '下一步，我局将加强培训。' } })).message,
      /「我局」/,
    );
    none(
      'content.selfReference',
      build({ ...street, texts: { 1: `${VALID_TEXTS[1]}建立健全我街镇政策解读机制。` } }),
    );
    none('content.selfReference', build({ texts: { 1: `${VALID_TEXTS[1]}协助我乡村振兴局做好公开。` } }));
  });
  it('says nothing when the body calls itself rightly', () => {
    none(
      'content.selfReference',
      build({ agency: '某某镇人民政府', agencyKind: 'township', texts: { 5: '下一步，我镇将加强培训。' } }),
    );
  });
});

describe('content.otherYear', () => {
  it('flags a sentence that opens with another year as the reporting year', () => {
    const f = only(
      'content.otherYear',
      build({ format: '2019', year: 2020, texts: { 3: '2019年，我街道共收到政府信息公开申请0件。' } }),
    );
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /^本报告是2020年度报告，正文却以2019年为报告年度/);
    assert.deepEqual(f.text, { section: 3, quote: '2019年，我街道共收到政府信息公开申请0件。' });
  });
  it('flags 「现将…2019年度政府信息公开工作…报告如下」 in a 2020 report', () => {
    only(
      'content.otherYear',
      build({
        format: '2019',
        year: 2020,
        texts: { 1: `现将我街道2019年度政府信息公开工作情况报告如下。${VALID_TEXTS[1]}` },
      }),
    );
  });
  it('accepts next year’s plans, history, and the reporting year', () => {
    const record = build({
      format: '2019',
      year: 2020,
      texts: {
        1: `2018年以来，我街道持续推进政务公开。2020年，我街道按要求开展工作。${VALID_TEXTS[1]}`,
        5: '2021年，我街道将进一步加强培训。',
      },
    });
    none('content.otherYear', record);
  });
});
