import { z } from 'zod';
import { roleCode, scope, permissionCode } from './roles';

export const loginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const me = z.object({
  userId: z.number().int(),
  username: z.string(),
  staffId: z.number().int(),
  staffNo: z.string(),
  name: z.string(),
  branchId: z.number().int(),
  branchCode: z.string(),
  branchName: z.string(),
  roles: z.array(roleCode),
  permissions: z.partialRecord(permissionCode, scope),
  mustChangePassword: z.boolean(),
  locale: z.enum(['zh-CN', 'en']),
});
export type Me = z.infer<typeof me>;

export const localeBody = z.strictObject({ locale: z.enum(['zh-CN', 'en']) });
