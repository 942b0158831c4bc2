/**
 * text.active: the narrative's count of 规章 or 规范性文件 made or in force differs from 表二
 * 第二十条第（一）项 (条例 art. 50 (一) and art. 20 (一)). Format 2021 (国办公开办函〔2021〕30号):
 * 「制发…N件」 against 本年制发件数, 「现行有效…N件」 against 现行有效件数. Format 2019
 * (国办公开办函〔2019〕60号): against 本年新制作数量 and 对外公开总数量.
 */
import type { FormatId } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { compareStated, type Stated } from './helpers/compare.ts';
import { COUNT_SOURCE, parseCount } from './helpers/numerals.ts';
import { statements } from './helpers/prose.ts';
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
  pattern: RegExp;
  hint: string;
  what: string;
  column: Record<FormatId, string>;
  row: 'regulations' | 'normativeDocuments';
}

const TARGETS: readonly Target[] = [
  {
    pattern: pattern(NORMATIVE, 'made'),
    hint: '规范性文件',
    what: '制发规范性文件',
    row: 'normativeDocuments',
    column: { '2019': 'made', '2021': 'issued' },
  },
  {
    pattern: pattern(NORMATIVE, 'inForce'),
    hint: '规范性文件',
    what: '现行有效规范性文件',
    row: 'normativeDocuments',
    column: { '2019': 'total', '2021': 'inForce' },
  },
  {
    pattern: pattern(REGULATION, 'made'),
    hint: '规章',
    what: '制发规章',
    row: 'regulations',
    column: { '2019': 'made', '2021': 'issued' },
  },
  {
    pattern: pattern(REGULATION, 'inForce'),
    hint: '规章',
    what: '现行有效规章',
    row: 'regulations',
    column: { '2019': 'total', '2021': 'inForce' },
  },
];

function* stated(ctx: RuleContext, target: Target): Generator<Stated> {
  for (const s of statements(ctx.record, target.pattern, target.hint)) {
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
        ids: [`active.${target.row}.${target.column[ctx.format!]}`],
        what: target.what,
      });
    }
  },
});
