export * from './common';
export * from './roles';
export * from './auth';
export * from './org';
export * from './audit';
export * from './notifications';
export * from './personal-data';
export * from './field-labels';
