import { z } from 'zod';

export const Paging = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const IdParam = z.object({ id: z.string().uuid('编号格式不正确') });
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

/** A calendar day YYYY-MM-DD that exists (2026-02-30 is refused with 400, not a 500 later). */
export const IsoDate = z.iso.date('日期格式应为 YYYY-MM-DD 且为有效日期');
