/**
 * content.selfReference: the report calls its body by another kind of body (「我镇」 in a 乡's report,
 * 「我局」 in a 街道's): text copied from another body's report. 国办公开办函〔2021〕30号 names 内容雷同
 * among the defects to pursue.
 */
import type { AgencyKind } from '../record/index.ts';
import { defineRule } from './helpers/define.ts';
import { sentenceAt } from './helpers/prose.ts';

/**
 * How each self-reference is printed: 「我乡村振兴…」「我乡镇」「我镇街」 are not a body calling itself 乡 or 镇.
 * The alternatives start with different characters, so at most one matches at a place.
 */
const SELF: Readonly<Record<string, string>> = {
  我街道: '街道',
  我镇: '镇(?!街)',
  我乡: '乡(?![村镇])',
  我局: '局',
};
const SUFFIX = /(?:人民政府|政府|办事处|办公室|党委)+$/;

const NONE: ReadonlySet<string> = new Set();
const NOT_A_XIANG = new Set(['我镇', '我街道', '我局']);
const NOT_A_ZHEN = new Set(['我乡', '我街道', '我局']);
const NOT_A_TOWNSHIP = new Set(['我街道', '我局']);
// Not 我县: a 街道 of a county rightly calls the county 我县.
const NOT_A_SUBDISTRICT = new Set(['我局', '我镇', '我乡']);
const NOT_ABOVE_TOWNSHIP = new Set(['我街道', '我镇', '我乡']);

/**
 * The pattern of a set of self-references. A report is searched for the foreign ones only: a department's
 * many 「我局」 are not matched just to be passed over, and skipping them moves no other match.
 */
function selfPattern(words: ReadonlySet<string>): RegExp {
  return new RegExp(`我(?:${[...words].map((word) => SELF[word]!).join('|')})`, 'g');
}

const PATTERNS = new Map<ReadonlySet<string>, RegExp>(
  [NOT_A_XIANG, NOT_A_ZHEN, NOT_A_TOWNSHIP, NOT_A_SUBDISTRICT, NOT_ABOVE_TOWNSHIP].map((words) => [
    words,
    selfPattern(words),
  ]),
);

/** The self-references a body of this kind (and name) would not use. */
function foreignWords(kind: AgencyKind, agency: string | null): ReadonlySet<string> {
  switch (kind) {
    case 'township': {
      const name = (agency ?? '').replace(SUFFIX, '');
      if (name.endsWith('乡')) return NOT_A_XIANG;
      if (name.endsWith('镇')) return NOT_A_ZHEN;
      return NOT_A_TOWNSHIP;
    }
    case 'subdistrict':
      return NOT_A_SUBDISTRICT;
    case 'department':
    case 'government':
      return NOT_ABOVE_TOWNSHIP;
    default:
      return NONE;
  }
}

const KIND_NAME: Partial<Record<AgencyKind, string>> = {
  township: '乡镇',
  subdistrict: '街道',
  department: '政府部门',
  government: '人民政府',
};

export const contentSelfReference = defineRule({
  id: 'content.selfReference',
  severity: 'warning',
  citation: '国办公开办函〔2021〕30号（内容雷同）',
  title: '正文自称与报告主体类别不符，疑似套用他人报告',
  scope: 'any',
  check({ record }, report) {
    const kind = record.agencyKind;
    if (kind === null) return;
    const foreign = foreignWords(kind, record.agency);
    if (foreign.size === 0) return;
    const pattern = PATTERNS.get(foreign)!;
    const found = new Map<string, { count: number; section: number; sentence: string }>();
    for (const section of record.sections) {
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = pattern.exec(section.text)) !== null) {
        const seen = found.get(m[0]);
        if (seen) seen.count++;
        else
          found.set(m[0], { count: 1, section: section.number, sentence: sentenceAt(section.text, m.index) });
      }
    }
    const body = record.agency ? `「${record.agency}」` : `本${KIND_NAME[kind]}`;
    for (const [word, { count, section, sentence }] of found) {
      report(`报告主体为${body}，正文却自称「${word}」（共 ${count} 处），可能套用了其他单位的报告`, {
        text: { section, quote: sentence },
      });
    }
  },
});
