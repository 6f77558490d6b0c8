// The products module's permissions and their default grants; contracts/roles.ts merges every module's.
import type { ModuleGrants } from './permission-types';

export const PRODUCTS_PERMISSIONS = {
} as const;

export const PRODUCTS_GRANTS: ModuleGrants<keyof typeof PRODUCTS_PERMISSIONS> = {
};
