// Shapes shared by the per-module permission files (kept apart from roles.ts to avoid an import cycle).
import type { RoleCode, Scope } from './roles';

export type PermissionDefinition = { zh: string; en: string; module: string };
/** Default grants a module adds to the seeded roles: role -> permission -> scope. */
export type ModuleGrants<P extends string> = Partial<Record<RoleCode, Partial<Record<P, Scope>>>>;
