export * from './roles.ts';
export * from './lifecycle.ts';
export * from './catalogue-types.ts';
export * from './codice-fiscale.ts';
export * from './territory.ts';
export * from './forms.ts';
export * from './form-definition.ts';
export * from './reference.ts';
