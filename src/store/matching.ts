/**
 * Which registered body wrote a report, from the agency name the report prints, with a confidence.
 *
 * Names repeat (every county has a 教育局), so a body is known by its name qualified with its ancestors'
 * place names: 「船口街道办事处」 under 「松北区人民政府」 is also 「松北区船口街道」 and
 * 「哈尔滨市松北区船口街道」. Suffixes that do not tell bodies apart (人民政府, 办事处, 政府) are dropped
 * before comparing. Only a single candidate at or above `AUTO_MATCH` is assigned; the rest waits for
 * `xxgk units match` (decision 007).
 */
import type { BodyKind, BodyLevel } from './schema.ts';

export interface BodyForMatching {
  id: string;
  parentId: string | null;
  name: string;
  kind: BodyKind;
  level: BodyLevel;
}

export type MatchMethod = 'alias' | 'exact' | 'qualified' | 'core' | 'prefixed' | 'office' | 'manual';

export interface Candidate {
  bodyId: string;
  confidence: number;
  method: MatchMethod;
}

export interface MatchResult {
  /** The body to assign: the single best candidate, when its confidence reaches `AUTO_MATCH`. */
  best: Candidate | null;
  /** Every body the name could mean, best first (at most ten). */
  candidates: Candidate[];
}

/** Confidence from which a report is assigned to a body without asking. */
export const AUTO_MATCH = 0.9;

const CONFIDENCE: Record<Exclude<MatchMethod, 'manual'>, number> = {
  alias: 1,
  exact: 1,
  qualified: 0.95,
  core: 0.9,
  prefixed: 0.85,
  office: 0.8,
};

/** Several bodies answer to the name: each is only a candidate. */
const AMBIGUOUS = 0.5;

/** Whitespace and width differences never tell two names apart. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/[\s\u3000·•]/g, '');
}

/**
 * The name without the suffixes every body of its kind carries: 「松北区人民政府」 → 「松北区」,
 * 「船口街道办事处」 → 「船口街道」, 「红星镇政府」 → 「红星镇」.
 */
export function coreName(name: string): string {
  const n = normaliseName(name);
  return n.replace(/(?<=[省市区县旗州盟镇乡])(?:人民政府|政府)$/, '').replace(/(?<=街道)办事处$/, '');
}

/** The key a report is known by when no body is assigned (decision 006): the core of its agency name. */
export function agencyKey(agency: string): string {
  return coreName(agency);
}

/** A name's shorter forms that drop leading place names: 「黑龙江省哈尔滨市松北区船口街道」 → 「哈尔滨市松北区船口街道」, … */
function withoutLeadingPlaces(core: string): string[] {
  const out: string[] = [];
  const re = /[省市区县旗州盟]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(core))) {
    const rest = core.slice(m.index + 1);
    if (rest.length >= 2) out.push(rest);
  }
  return out;
}

export interface Matcher {
  match(agency: string, kind?: string | null): MatchResult;
  readonly size: number;
}

export function buildMatcher(
  bodies: readonly BodyForMatching[],
  aliases: ReadonlyMap<string, string> = new Map(),
): Matcher {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const exact = new Map<string, string[]>();
  const qualified = new Map<string, string[]>();
  const core = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, id: string) => {
    if (!key) return;
    const list = map.get(key);
    if (!list) map.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };

  const ancestorsOf = (body: BodyForMatching): BodyForMatching[] => {
    const out: BodyForMatching[] = [];
    const seen = new Set<string>([body.id]);
    for (let p = body.parentId ? byId.get(body.parentId) : undefined; p && !seen.has(p.id);) {
      seen.add(p.id);
      out.unshift(p);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return out;
  };
  // A body's own short name: a registry that already prints the place (「哈尔滨市呼兰区人民政府」 under
  // 哈尔滨市) is also known without it (「呼兰区」), and its children are qualified with the short name.
  const own = new Map<string, string>();
  const ancestry = new Map<string, BodyForMatching[]>();
  for (const body of bodies) {
    const ancestors = ancestorsOf(body);
    ancestry.set(body.id, ancestors);
    let name = coreName(body.name);
    for (const a of ancestors) {
      const place = coreName(a.name);
      if (name.startsWith(place) && name.length > place.length) name = name.slice(place.length);
    }
    own.set(body.id, name);
  }
  for (const body of bodies) {
    const short = own.get(body.id)!;
    add(exact, normaliseName(body.name), body.id);
    add(core, short, body.id);
    if (short !== coreName(body.name)) add(core, coreName(body.name), body.id);
    const ancestors = ancestry.get(body.id)!;
    let prefix = '';
    for (let i = ancestors.length - 1; i >= 0; i--) {
      prefix = own.get(ancestors[i]!.id)! + prefix;
      add(qualified, prefix + short, body.id);
    }
  }

  const candidatesFrom = (
    ids: readonly string[] | undefined,
    method: Exclude<MatchMethod, 'manual'>,
    scale = 1,
  ) =>
    (ids ?? []).map((bodyId) => ({
      bodyId,
      method,
      confidence: (ids!.length === 1 ? CONFIDENCE[method] : Math.min(AMBIGUOUS, CONFIDENCE[method])) * scale,
    }));

  function lookup(name: string, scale: number): Candidate[] {
    const n = normaliseName(name);
    const c = coreName(n);
    const out: Candidate[] = [
      ...candidatesFrom(exact.get(n), 'exact', scale),
      ...candidatesFrom(qualified.get(c), 'qualified', scale),
      ...candidatesFrom(core.get(c), 'core', scale),
    ];
    if (out.length === 0) {
      for (const rest of withoutLeadingPlaces(c)) {
        const ids = [...(qualified.get(rest) ?? []), ...(core.get(rest) ?? [])];
        if (ids.length > 0) {
          out.push(...candidatesFrom([...new Set(ids)], 'prefixed', scale));
          break;
        }
      }
    }
    return out;
  }

  return {
    size: bodies.length,
    match(agency, kind) {
      const alias = aliases.get(agencyKey(agency));
      if (alias && byId.has(alias)) {
        const best: Candidate = { bodyId: alias, confidence: CONFIDENCE.alias, method: 'alias' };
        return { best, candidates: [best] };
      }
      let found = lookup(agency, 1);
      // A government's report is often signed by its 办公室/办公厅.
      const office = /人民政府(?:办公室|办公厅)$/.exec(normaliseName(agency));
      if (found.length === 0 && office) {
        found = lookup(normaliseName(agency).replace(/(?:办公室|办公厅)$/, ''), CONFIDENCE.office).map(
          (c) => ({
            ...c,
            method: 'office' as const,
          }),
        );
      }
      // Best confidence per body; the body's kind breaks a tie between namesakes.
      const best = new Map<string, Candidate>();
      for (const c of found) {
        const known = best.get(c.bodyId);
        if (!known || c.confidence > known.confidence) best.set(c.bodyId, c);
      }
      let candidates = [...best.values()].sort(
        (a, b) => b.confidence - a.confidence || (a.bodyId < b.bodyId ? -1 : 1),
      );
      if (candidates.length > 1 && kind) {
        const sameKind = candidates.filter((c) => byId.get(c.bodyId)?.kind === kind);
        if (sameKind.length === 1) {
          candidates = [
            { ...sameKind[0]!, confidence: Math.max(sameKind[0]!.confidence, CONFIDENCE.prefixed) },
            ...candidates.filter((c) => c !== sameKind[0]),
          ];
        }
      }
      candidates = candidates.slice(0, 10);
      const top = candidates[0];
      const unique = top && (candidates.length === 1 || candidates[1]!.confidence < top.confidence);
      return { best: top && unique && top.confidence >= AUTO_MATCH ? top : null, candidates };
    },
  };
}
