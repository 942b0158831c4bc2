/**
 * The official catalogue of the annual report's three tables, for both formats, as data.
 *
 * Sources: 国办公开办函〔2019〕60号 (format "2019", reports of 2019 and 2020) and
 * 国办公开办函〔2021〕30号 (format "2021", reports of 2021 and later).
 *
 * Every cell id is `<table>.<row>.<column>`; rows of the requests table may be two levels deep
 * (`withheld.stateSecret`). `label` is the official wording, used in messages; recognition uses
 * `keyword`/`pattern` (regular expressions over normalised, whitespace-free text) to find the printed labels.
 */

export type FormatId = '2019' | '2021';
export const FORMATS: readonly FormatId[] = ['2019', '2021'];
export type TableKey = 'active' | 'requests' | 'reviews';
export const TABLE_KEYS: readonly TableKey[] = ['active', 'requests', 'reviews'];

/** What a cell may hold: a non-negative whole number, a signed change, or money in 万元. */
export type ValueKind = 'count' | 'signed' | 'money';

export interface ColumnDef {
  key: string;
  /** Official header as printed in the format. */
  label: string;
  /** Regex source matching the printed header (normalised, whitespace removed). */
  pattern: string;
  value: ValueKind;
}

export interface RowDef {
  /** Row key inside its table, dotted for sub-rows: `withheld.stateSecret`. */
  key: string;
  /** Official label, used in messages (e.g. `（三）不予公开 1.属于国家秘密`). */
  label: string;
  /**
   * Regex source for the words that identify the printed label (normalised, whitespace removed). The label
   * runs from the words before them up to the values; keep it free of leading optional parts so that the
   * search stays a fast literal scan.
   */
  keyword: string;
  /** The item number printed before the label (「2.其他法律行政法规禁止公开」): crawler text glues it to the digits. */
  item?: string;
}

/** One header group of a table: the rows that share one header line (表二 has several). */
export interface TableGroup {
  /** e.g. `第二十条第（一）项`; empty for tables with a single header. */
  title: string;
  columns: ColumnDef[];
  rows: RowDef[];
}

export interface TableDef {
  key: TableKey;
  /** Official number and title as the format prints them. */
  number: '二' | '三' | '四';
  title: string;
  groups: TableGroup[];
}

export interface CellDef {
  id: string;
  table: TableKey;
  row: RowDef;
  column: ColumnDef;
  group: TableGroup;
}

const col = (key: string, label: string, pattern: string, value: ValueKind = 'count'): ColumnDef => ({
  key,
  label,
  pattern,
  value,
});
const row = (key: string, label: string, keyword: string, item?: string): RowDef =>
  item ? { key, label, keyword, item } : { key, label, keyword };

// ---------------------------------------------------------------- 表二 主动公开政府信息情况
const ACTIVE_2019: TableGroup[] = [
  {
    title: '第二十条第（一）项',
    columns: [
      col('made', '本年新制作数量', '新制作'),
      col('published', '本年新公开数量', '新公开'),
      col('total', '对外公开总数量', '公开总数'),
    ],
    rows: [row('regulations', '规章', '规章'), row('normativeDocuments', '规范性文件', '规范性文件')],
  },
  {
    title: '第二十条第（五）项',
    columns: [
      col('previous', '上一年项目数量', '上一?年(?:度)?项目数'),
      col('change', '本年增/减', '增[/／、]?减|增减', 'signed'),
      col('decisions', '处理决定数量', '处理决定数'),
    ],
    rows: [
      row('licensing', '行政许可', '行政许可'),
      row('otherServices', '其他对外管理服务事项', '对外管理服务'),
    ],
  },
  {
    title: '第二十条第（六）项',
    columns: [
      col('previous', '上一年项目数量', '上一?年(?:度)?项目数'),
      col('change', '本年增/减', '增[/／、]?减|增减', 'signed'),
      col('decisions', '处理决定数量', '处理决定数'),
    ],
    rows: [row('punishment', '行政处罚', '行政处罚'), row('coercion', '行政强制', '行政强制')],
  },
  {
    title: '第二十条第（八）项',
    columns: [
      col('previous', '上一年项目数量', '上一?年(?:度)?项目数'),
      col('change', '本年增/减', '增[/／、]?减|增减', 'signed'),
    ],
    rows: [row('fees', '行政事业性收费', '事业性收费')],
  },
  {
    title: '第二十条第（九）项',
    columns: [
      col('projects', '采购项目数量', '采购项目数'),
      col('amountWan', '采购总金额', '采购总?金额', 'money'),
    ],
    rows: [row('procurement', '政府集中采购', '集中采购')],
  },
];

const ACTIVE_2021: TableGroup[] = [
  {
    title: '第二十条第（一）项',
    columns: [
      col('issued', '本年制发件数', '制发件?数?'),
      col('repealed', '本年废止件数', '废止件?数?'),
      col('inForce', '现行有效件数', '现行有效件?数?'),
    ],
    rows: [row('regulations', '规章', '规章'), row('normativeDocuments', '行政规范性文件', '规范性文件')],
  },
  {
    title: '第二十条第（五）项',
    columns: [col('decisions', '本年处理决定数量', '处理决定数')],
    rows: [row('licensing', '行政许可', '行政许可')],
  },
  {
    title: '第二十条第（六）项',
    columns: [col('decisions', '本年处理决定数量', '处理决定数')],
    rows: [row('punishment', '行政处罚', '行政处罚'), row('coercion', '行政强制', '行政强制')],
  },
  {
    title: '第二十条第（八）项',
    columns: [col('amountWan', '本年收费金额（单位：万元）', '收费金额', 'money')],
    rows: [row('fees', '行政事业性收费', '事业性收费')],
  },
];

// ---------------------------------------------------------------- 表三 收到和处理政府信息公开申请情况
export const REQUEST_COLUMNS: ColumnDef[] = [
  col('naturalPerson', '自然人', '自然人'),
  col('commercial', '商业企业', '商业企业'),
  col('research', '科研机构', '科研机构'),
  col('nonprofit', '社会公益组织', '社会公益组织|公益组织'),
  col('legalService', '法律服务机构', '法律服务机构'),
  col('otherOrg', '其他', '其他(?!组织)'),
  col('total', '总计', '总计'),
];

const REQUEST_ROWS_HEAD: RowDef[] = [
  row('received', '一、本年新收政府信息公开申请数量', '新收'),
  row('carriedOver', '二、上年结转政府信息公开申请数量', '上一?年度?结转'),
  row('granted', '三、本年度办理结果 （一）予以公开', '予以公开'),
  row('partiallyGranted', '（二）部分公开', '部分公开'),
  row('withheld.stateSecret', '（三）不予公开 1.属于国家秘密', '国家秘密', '1'),
  row('withheld.prohibitedByLaw', '（三）不予公开 2.其他法律行政法规禁止公开', '禁止公开', '2'),
  row('withheld.securityStability', '（三）不予公开 3.危及“三安全一稳定”', '危及|三安全一稳定', '3'),
  row('withheld.thirdPartyRights', '（三）不予公开 4.保护第三方合法权益', '第三方', '4'),
  row('withheld.internalAffairs', '（三）不予公开 5.属于三类内部事务信息', '内部事务', '5'),
  row('withheld.processInformation', '（三）不予公开 6.属于四类过程性信息', '过程性', '6'),
  row('withheld.enforcementFiles', '（三）不予公开 7.属于行政执法案卷', '执法案卷', '7'),
  row('withheld.queryMatters', '（三）不予公开 8.属于行政查询事项', '查询事项', '8'),
  row('unavailable.notHeld', '（四）无法提供 1.本机关不掌握相关政府信息', '不掌握', '1'),
  row('unavailable.needsCreation', '（四）无法提供 2.没有现成信息需要另行制作', '现成|另行制作', '2'),
  row('unavailable.stillUnclear', '（四）无法提供 3.补正后申请内容仍不明确', '补正后|仍不明确', '3'),
  row('declined.complaint', '（五）不予处理 1.信访举报投诉类申请', '信访|举报投诉', '1'),
  row('declined.repeated', '（五）不予处理 2.重复申请', '重复申请', '2'),
  row('declined.publications', '（五）不予处理 3.要求提供公开出版物', '出版物', '3'),
  row('declined.excessive', '（五）不予处理 4.无正当理由大量反复申请', '大量反复', '4'),
  row('declined.confirmation', '（五）不予处理 5.要求行政机关确认或重新出具已获取信息', '确认|重新出具', '5'),
];
const REQUEST_ROWS_TAIL: RowDef[] = [
  row('processedTotal', '（七）总计', '总计'),
  row('carriedForward', '四、结转下年度继续办理', '结转下一?年'),
];
const REQUEST_ROWS_2019: RowDef[] = [
  ...REQUEST_ROWS_HEAD,
  row('other', '（六）其他处理', '其他处理'),
  ...REQUEST_ROWS_TAIL,
];
const REQUEST_ROWS_2021: RowDef[] = [
  ...REQUEST_ROWS_HEAD,
  row(
    'other.noCorrection',
    '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    '不补正',
    '1',
  ),
  row(
    'other.unpaidFee',
    '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    '缴纳费用|收费通知',
    '2',
  ),
  row(
    'other.otherReasons',
    '（六）其他处理 3.其他',
    '3[.、]其他|其他(?![\\x1d-\\x1f]?处理|法律|组织|结果)',
    '3',
  ),
  ...REQUEST_ROWS_TAIL,
];

// ---------------------------------------------------------------- 表四 行政复议、行政诉讼情况
export const REVIEW_OUTCOMES: ColumnDef[] = [
  col('upheld', '结果维持', '结果维持|维持'),
  col('corrected', '结果纠正', '结果纠正|纠正'),
  col('other', '其他结果', '其他结果'),
  col('pending', '尚未审结', '尚未审结|未审结'),
  col('total', '总计', '总计'),
];
export const REVIEW_GROUPS: RowDef[] = [
  row('reconsideration', '行政复议', '行政复议'),
  row('lawsuitDirect', '行政诉讼 未经复议直接起诉', '未经复议直接起诉|直接起诉'),
  row('lawsuitAfterReconsideration', '行政诉讼 复议后起诉', '复议后起诉'),
];

function tables(format: FormatId): Record<TableKey, TableDef> {
  return {
    active: {
      key: 'active',
      number: '二',
      title: '主动公开政府信息情况',
      groups: format === '2019' ? ACTIVE_2019 : ACTIVE_2021,
    },
    requests: {
      key: 'requests',
      number: '三',
      title: '收到和处理政府信息公开申请情况',
      groups: [
        {
          title: '',
          columns: REQUEST_COLUMNS,
          rows: format === '2019' ? REQUEST_ROWS_2019 : REQUEST_ROWS_2021,
        },
      ],
    },
    reviews: {
      key: 'reviews',
      number: '四',
      title: '政府信息公开行政复议、行政诉讼情况',
      groups: [{ title: '', columns: REVIEW_OUTCOMES, rows: REVIEW_GROUPS }],
    },
  };
}

export const CATALOGUE: Record<FormatId, Record<TableKey, TableDef>> = {
  '2019': tables('2019'),
  '2021': tables('2021'),
};

function cellsOfFormat(format: FormatId): CellDef[] {
  const out: CellDef[] = [];
  for (const key of TABLE_KEYS) {
    for (const group of CATALOGUE[format][key].groups) {
      for (const r of group.rows) {
        for (const c of group.columns) {
          out.push({ id: `${key}.${r.key}.${c.key}`, table: key, row: r, column: c, group });
        }
      }
    }
  }
  return out;
}

/** Every official cell of a format, in the order the format prints them. */
export const CELLS: Record<FormatId, readonly CellDef[]> = {
  '2019': cellsOfFormat('2019'),
  '2021': cellsOfFormat('2021'),
};

const CELL_INDEX: Record<FormatId, ReadonlyMap<string, CellDef>> = {
  '2019': new Map(CELLS['2019'].map((c) => [c.id, c])),
  '2021': new Map(CELLS['2021'].map((c) => [c.id, c])),
};

export function cellDef(format: FormatId, id: string): CellDef | undefined {
  return CELL_INDEX[format].get(id);
}

/** Every cell id of either format: the ids a record may carry. */
export const ALL_CELL_IDS: ReadonlySet<string> = new Set([
  ...CELL_INDEX['2019'].keys(),
  ...CELL_INDEX['2021'].keys(),
]);

/** The six official sections (一 … 六) with the words that identify a heading of each. */
export interface SectionDef {
  number: number;
  numeral: string;
  title: string;
  /** Regex source over a normalised heading line (number stripped) that identifies the section. */
  pattern: string;
}

export const SECTIONS: readonly SectionDef[] = [
  { number: 1, numeral: '一', title: '总体情况', pattern: '总体情况|基本情况|概述|总体概况' },
  { number: 2, numeral: '二', title: '主动公开政府信息情况', pattern: '主动公开' },
  {
    number: 3,
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    pattern: '收到和处理|依申请公开|政府信息公开申请',
  },
  { number: 4, numeral: '四', title: '政府信息公开行政复议、行政诉讼情况', pattern: '行政复议|行政诉讼' },
  {
    number: 5,
    numeral: '五',
    title: '存在的主要问题及改进情况',
    pattern: '存在的?主要问题|问题及改进|改进情况|改进措施',
  },
  { number: 6, numeral: '六', title: '其他需要报告的事项', pattern: '其他需要报告|其他事项|需要说明的其他' },
];

/** Which official table belongs to which section. */
export const TABLE_SECTION: Record<TableKey, number> = { active: 2, requests: 3, reviews: 4 };

/** Labels only the 2019 or only the 2021 format prints: decide the format from these, not from the year. */
export const FORMAT_MARKERS: Record<FormatId, readonly string[]> = {
  '2019': ['新制作数量', '新公开数量', '对外公开总数量', '集中采购', '采购项目数量', '上一年项目数量'],
  '2021': ['制发件数', '废止件数', '现行有效件', '收费金额', '逾期不补正', '收费通知要求'],
};
