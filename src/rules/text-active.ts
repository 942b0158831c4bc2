/**
 * text.active: the narrative's count of 规章 or 规范性文件 made or in force differs from 表二
 * 第二十条第（一）项 (条例 art. 50 (一) and art. 20 (一)). Format 2021 (国办公开办函〔2021〕30号):
 * 「制发…N件」 against 本年制发件数, 「现行有效…N件」 against 现行有效件数. Format 2019
 * (国办公开办函〔2019〕60号): against 本年新制作数量 and 对外公开总数量.
 */
import { slotsOf } from '../record/cell-list.ts';
import type { FormatId } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { Search, statements } from './helpers/prose.ts';
import type { RuleContext } from './rule.ts';

const COUNT = `(?:共计?)?(?:为|是)?\\s*(${COUNT_SOURCE})\\s*(?:件|个|份|部|篇)`;
const NORMATIVE = '(?:行政)?规范性文件';
const REGULATION = '(?:政府)?规章';
const MADE = '(?:制发|印发|出台|制定|新制作|制作)(?:了)?(?:的)?';

const pattern = (doc: string, kind: 'made' | 'inForce') =>
  kind === 'made'
    ? new RegExp(`${MADE}${doc}${COUNT}`, 'g')
    : new RegExp(`(?:现行有效(?:的)?${doc}|${doc}现行有效(?:的)?)${COUNT}`, 'g');

interface Target {
  search: Search;
  what: string;
  column: Record<FormatId, string>;
  row: 'regulations' | 'normativeDocuments';
}

/** The cell a target compares with, per format, by id and by slot. */
interface TargetCell {
  ids: string[];
  slots: number[];
}

const withCells = (t: Target): Target & { cell: Record<FormatId, TargetCell> } => {
  const cell = (format: FormatId): TargetCell => {
    const ids = [`active.${t.row}.${t.column[format]}`];
    return { ids, slots: slotsOf(ids) };
  };
  return { ...t, cell: { '2019': cell('2019'), '2021': cell('2021') } };
};

const TARGETS = [
  withCells({
    search: new Search(pattern(NORMATIVE, 'made'), '规范性文件'),
    what: '制发规范性文件',
    row: 'normativeDocuments',
    column: { '2019': 'made', '2021': 'issued' },
  }),
  withCells({
    search: new Search(pattern(NORMATIVE, 'inForce'), '规范性文件'),
    what: '现行有效规范性文件',
    row: 'normativeDocuments',
    column: { '2019': 'total', '2021': 'inForce' },
  }),
  withCells({
    search: new Search(pattern(REGULATION, 'made'), '规章'),
    what: '制发规章',
    row: 'regulations',
    column: { '2019': 'made', '2021': 'issued' },
  }),
  withCells({
    search: new Search(pattern(REGULATION, 'inForce'), '规章'),
    what: '现行有效规章',
    row: 'regulations',
    column: { '2019': 'total', '2021': 'inForce' },
  }),
];

function* stated(ctx: RuleContext, target: Target): Generator<Stated> {
  for (const s of statements(ctx, target.search)) {
    const value = parseCount(s.match[1]!);
    if (value !== undefined) yield { statement: s, value };
  }
}

export const textActive = defineRule({
  id: 'text.active',
  severity: 'warning',
  citation: '条例第二十条第（一）项、第五十条第（一）项；国办公开办函〔2019〕60号、〔2021〕30号（表二）',
  title: '正文所述规章、规范性文件数与表二不一致',
  scope: 'tables',
  check(ctx, report) {
    for (const target of TARGETS) {
      compareStated(ctx, report, {
        stated: stated(ctx, target),
        ...target.cell[ctx.format!],
        what: target.what,
      });
    }
  },
});
