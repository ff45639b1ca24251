export * from './constants.js';
export * from './notifications.js';
export * from './realtime.js';
export type * from './types.js';
