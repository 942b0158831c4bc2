/**
 * The units file (单位名录) as rows → validated bodies with their materialised paths. Every problem is
 * collected and reported at once, naming rows and ids; nothing is imported when there is one (the file
 * format: docs/units.md).
 */
import type { BodyKind, BodyLevel } from './schema.ts';

/** One data row of the file, cells as text, `line` counting the header as line 1. */
export interface UnitRow {
  line: number;
  id: string;
  parentId: string;
  name: string;
  kind: string;
  level: string;
}

export interface ValidBody {
  id: string;
  parentId: string | null;
  name: string;
  kind: BodyKind;
  level: BodyLevel;
  path: string;
  position: number;
}

export interface Problem {
  zh: string;
  en: string;
}

/** The units file cannot be imported; `problems` lists every reason found (cycles, duplicate ids …). */
export class UnitsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => p.en).join('; '));
    this.name = 'UnitsError';
  }
}

const KINDS: Record<string, BodyKind> = {
  government: 'government',
  人民政府: 'government',
  政府: 'government',
  department: 'department',
  部门: 'department',
  township: 'township',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
  subdistrict: 'subdistrict',
  街道: 'subdistrict',
  街道办事处: 'subdistrict',
  other: 'other',
  其他: 'other',
};

const LEVELS: Record<string, BodyLevel> = {
  province: 'province',
  省: 'province',
  省级: 'province',
  city: 'city',
  市: 'city',
  市级: 'city',
  county: 'county',
  县: 'county',
  县级: 'county',
  body: 'body',
  单位: 'body',
  机关: 'body',
};

export function parseKind(text: string): BodyKind | null {
  return KINDS[text.trim().toLowerCase()] ?? KINDS[text.trim()] ?? null;
}

export function parseLevel(text: string): BodyLevel | null {
  return LEVELS[text.trim().toLowerCase()] ?? LEVELS[text.trim()] ?? null;
}

const LISTED = 20;

export function validateUnits(rows: readonly UnitRow[]): ValidBody[] {
  const problems: Problem[] = [];
  const lines = new Map<string, number[]>();
  for (const row of rows) {
    const id = row.id.trim();
    if (!id) {
      problems.push({ zh: `第 ${row.line} 行：缺少编码`, en: `line ${row.line}: no id` });
      continue;
    }
    if (id.includes('/')) {
      problems.push({
        zh: `第 ${row.line} 行：编码 ${id} 不能含有 /`,
        en: `line ${row.line}: id ${id} contains /`,
      });
    }
    if (!row.name.trim()) {
      problems.push({ zh: `第 ${row.line} 行：缺少名称`, en: `line ${row.line}: no name` });
    }
    if (!parseKind(row.kind)) {
      problems.push({
        zh: `第 ${row.line} 行：类型「${row.kind}」无法识别（可用 government/department/township/subdistrict/other 或 人民政府/部门/乡镇/街道/其他）`,
        en: `line ${row.line}: unknown kind "${row.kind}"`,
      });
    }
    if (!parseLevel(row.level)) {
      problems.push({
        zh: `第 ${row.line} 行：层级「${row.level}」无法识别（可用 province/city/county/body 或 省/市/县/单位）`,
        en: `line ${row.line}: unknown level "${row.level}"`,
      });
    }
    lines.set(id, [...(lines.get(id) ?? []), row.line]);
  }
  for (const [id, at] of lines) {
    if (at.length > 1) {
      problems.push({
        zh: `编码 ${id} 重复（第 ${at.join('、')} 行）`,
        en: `duplicate id ${id} (lines ${at.join(', ')})`,
      });
    }
  }

  const parentOf = new Map<string, string | null>();
  for (const row of rows) {
    const id = row.id.trim();
    const parent = row.parentId.trim() || null;
    if (!id || parentOf.has(id)) continue;
    parentOf.set(id, parent);
    if (parent !== null && !lines.has(parent)) {
      problems.push({
        zh: `第 ${row.line} 行：上级编码 ${parent} 不在名录中`,
        en: `line ${row.line}: parent id ${parent} is not in the file`,
      });
    }
  }

  // Cycles: follow parents from every id; a walk that meets itself names the loop once.
  const reported = new Set<string>();
  const settled = new Set<string>();
  for (const start of parentOf.keys()) {
    const walk: string[] = [];
    const onWalk = new Set<string>();
    let id: string | null = start;
    while (id !== null && !settled.has(id) && parentOf.has(id)) {
      if (onWalk.has(id)) {
        const loop = walk.slice(walk.indexOf(id));
        const key = [...loop].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          const chain = [...loop, id].join(' → ');
          problems.push({ zh: `编码 ${chain} 构成循环`, en: `ids ${chain} form a cycle` });
        }
        break;
      }
      onWalk.add(id);
      walk.push(id);
      id = parentOf.get(id) ?? null;
    }
    for (const w of walk) settled.add(w);
  }

  if (problems.length > 0) {
    const shown = problems.slice(0, LISTED);
    if (problems.length > LISTED) {
      const more = problems.length - LISTED;
      shown.push({ zh: `……另有 ${more} 处问题`, en: `… and ${more} more problems` });
    }
    throw new UnitsError(shown);
  }

  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const parent = parentOf.get(id) ?? null;
    const path = `${parent === null ? '/' : pathOf(parent)}${id}/`;
    paths.set(id, path);
    return path;
  };
  return rows.map((row, position) => ({
    id: row.id.trim(),
    parentId: row.parentId.trim() || null,
    name: row.name.trim(),
    kind: parseKind(row.kind)!,
    level: parseLevel(row.level)!,
    path: pathOf(row.id.trim()),
    position,
  }));
}

/** The `[from, to)` range of paths in the subtree whose root has `path` (the root included). */
export function subtreeRange(path: string): [string, string] {
  // '/' + 1 is '0': every path that starts with `path` sorts before `path` with its last '/' raised.
  return [path, `${path.slice(0, -1)}0`];
}
