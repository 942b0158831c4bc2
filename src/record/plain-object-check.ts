/**
 * A fast acceptance test derived from a zod object schema of plain fields: true only for a value the
 * schema accepts and would return unchanged — the same keys, in the schema's order, with the same values.
 * For such a value zod's work is a copy; a record's ~250 cell origins made that copy most of the cost of
 * validating a record. False says nothing: the caller parses with zod, which gives the value or the error.
 *
 * The test is read off the schema when this module is asked for it, so the schema stays the one place the
 * shape is written. It knows strings, booleans, enums, numbers with integer and lower-bound checks, and
 * optional fields of those; a schema using anything else is refused with an error where it is built.
 */
import type { z } from 'zod';

type FieldTest = (value: unknown) => boolean;

interface Field {
  key: string;
  optional: boolean;
  test: FieldTest;
}

/** What zod 4 keeps of a schema or check (`_zod.def`), for the kinds this module reads. */
interface Def {
  type: string;
  innerType?: { _zod: { def: Def } };
  entries?: Record<string, unknown>;
  checks?: { _zod: { def: CheckDef } }[];
}

interface CheckDef {
  check: string;
  format?: string;
  value?: unknown;
  inclusive?: boolean;
}

function defOf(schema: unknown): Def {
  return (schema as { _zod: { def: Def } })._zod.def;
}

function unsupported(key: string, what: string): never {
  throw new Error(`plainObjectCheck: field "${key}" is ${what}; parse it with zod`);
}

function numberTest(key: string, checks: CheckDef[]): FieldTest {
  let integer = false;
  let min = -Infinity;
  let minInclusive = true;
  for (const check of checks) {
    if (check.check === 'number_format' && check.format === 'safeint') integer = true;
    else if (check.check === 'greater_than' && typeof check.value === 'number') {
      min = check.value;
      minInclusive = check.inclusive === true;
    } else unsupported(key, `a number with a ${check.check} check`);
  }
  return (value) =>
    typeof value === 'number' &&
    (integer ? Number.isSafeInteger(value) : Number.isFinite(value)) &&
    (minInclusive ? value >= min : value > min);
}

function fieldTest(key: string, def: Def): FieldTest {
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  if (def.type !== 'number' && checks.length > 0) unsupported(key, `a ${def.type} with checks`);
  switch (def.type) {
    case 'string':
      return (value) => typeof value === 'string';
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'number':
      return numberTest(key, checks);
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}));
      return (value) => values.has(value);
    }
    default:
      return unsupported(key, `of type ${def.type}`);
  }
}

/** The test for values of `schema`, a `z.object` of plain fields (see the module comment). */
export function plainObjectCheck(schema: z.ZodObject): (value: unknown) => boolean {
  const fields: Field[] = Object.entries(schema.shape).map(([key, field]) => {
    const def = defOf(field);
    if (def.type === 'optional') return { key, optional: true, test: fieldTest(key, defOf(def.innerType)) };
    return { key, optional: false, test: fieldTest(key, def) };
  });
  return (value) => {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype)
      return false;
    const object = value as Record<string, unknown>;
    // Own keys in the schema's order, each known and holding a valid value; absent only where optional.
    let at = 0;
    for (const key in object) {
      while (at < fields.length && fields[at]!.key !== key) {
        if (!fields[at]!.optional) return false;
        at++;
      }
      if (at === fields.length || !fields[at]!.test(object[key])) return false;
      at++;
    }
    for (; at < fields.length; at++) if (!fields[at]!.optional) return false;
    return true;
  };
}
