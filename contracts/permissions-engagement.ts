// The engagement module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const ENGAGEMENT_PERMISSIONS = {
} as const;

export const ENGAGEMENT_GRANTS: ModuleGrants<keyof typeof ENGAGEMENT_PERMISSIONS> = {
};
