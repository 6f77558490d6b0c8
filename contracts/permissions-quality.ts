// The quality module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const QUALITY_PERMISSIONS = {
} as const;

export const QUALITY_GRANTS: ModuleGrants<keyof typeof QUALITY_PERMISSIONS> = {
};
