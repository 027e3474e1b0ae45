export * from './roles.ts';
export * from './lifecycle.ts';
export * from './catalogue-types.ts';
