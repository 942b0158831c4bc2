/** Shapes shared by the API routes' schemas. */
import { z } from 'zod';

export const roleSchema = z.enum(['admin', 'reviewer', 'viewer']);

export const userSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  scopeBodyId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const okSchema = z.object({ ok: z.literal(true) });

/** A page size from the query string: 1–200, default 50. */
export const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
