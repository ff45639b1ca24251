export * from './constants.js';
export * from './realtime.js';
export type * from './types.js';
