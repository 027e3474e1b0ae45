export * from './roles.ts';
export * from './lifecycle.ts';
export * from './catalogue-types.ts';
export * from './codice-fiscale.ts';
