// The insights module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const INSIGHTS_PERMISSIONS = {
} as const;

export const INSIGHTS_GRANTS: ModuleGrants<keyof typeof INSIGHTS_PERMISSIONS> = {
};
