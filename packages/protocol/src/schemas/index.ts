export * from './activity.js';
export * from './auth.js';
export * from './comments.js';
export * from './common.js';
export * from './problem.js';
export * from './reactions.js';
export * from './sites.js';
export * from './social.js';
