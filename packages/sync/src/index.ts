export * from './protocol.ts';
export * from './mutations.ts';
export * from './types.ts';
export * from './backoff.ts';
export * from './scheduler.ts';
export * from './engine.ts';
export * from './view.ts';
export * from './memory-storage.ts';
