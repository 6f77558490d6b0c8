import { z } from 'zod';

export const notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notification>;
export const notificationList = z.object({ items: z.array(notification), unread: z.number().int() });
export const markReadBody = z.strictObject({ ids: z.array(z.number().int()).max(500).optional(), all: z.boolean().optional() });
