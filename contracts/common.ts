import { z } from 'zod';

/** Every error the API returns: a stable code and the same message in Chinese and English. */
export const apiError = z.object({
  error: z.object({
    code: z.string(),
    zh: z.string(),
    en: z.string(),
    fields: z
      .array(z.object({ path: z.string(), zh: z.string(), en: z.string() }))
      .optional(),
  }),
});
export type ApiError = z.infer<typeof apiError>;

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
export const page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const paged = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export const ok = z.object({ ok: z.literal(true) });

/** A yes/no in a query string: 'true'/'1' and 'false'/'0' (z.coerce.boolean would read 'false' as true). */
export const queryBool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
