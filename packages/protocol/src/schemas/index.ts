export * from './auth.js';
export * from './comments.js';
export * from './common.js';
export * from './problem.js';
export * from './reactions.js';
export * from './realtime.js';
export * from './sites.js';
