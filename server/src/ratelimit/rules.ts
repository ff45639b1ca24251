/** What is limited. Each scope has its own allowance per user and per IP. */
export const RateScope = {
  Comment: 'comment',
  Reaction: 'reaction',
  Follow: 'follow',
  Bookmark: 'bookmark',
  WsMessage: 'ws_message',
  Notification: 'notification',
  Report: 'report',
  Share: 'share',
  Publish: 'publish',
} as const;
export type RateScope = (typeof RateScope)[keyof typeof RateScope];

/** [requests, per seconds]. */
export type Allowance = readonly [points: number, seconds: number];
export interface RateRule {
  user: Allowance;
  ip: Allowance;
}
export type RateRules = Record<RateScope, RateRule>;

/**
 * Defaults sized for people, not scripts: a person rarely writes 10 comments a minute; an IP
 * allowance is several users' worth so that offices and mobile carriers sharing one address
 * are not punished for each other. `notification` limits what one user is sent.
 */
export const DEFAULT_RULES: RateRules = {
  comment: { user: [10, 60], ip: [60, 60] },
  reaction: { user: [120, 60], ip: [600, 60] },
  follow: { user: [60, 60], ip: [300, 60] },
  bookmark: { user: [120, 60], ip: [600, 60] },
  ws_message: { user: [600, 60], ip: [3000, 60] },
  notification: { user: [60, 60], ip: [100_000, 60] },
  report: { user: [30, 3600], ip: [120, 3600] },
  share: { user: [60, 60], ip: [300, 60] },
  // Each publish notifies every follower of its author.
  publish: { user: [30, 60], ip: [120, 60] },
};

const isAllowance = (v: unknown): v is Allowance =>
  Array.isArray(v) &&
  v.length === 2 &&
  v.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0 && n <= 10_000_000);

/**
 * Rules with overrides from configuration, e.g. `{"comment": {"user": [5, 60]}}`; an unknown
 * scope or a malformed allowance is an error, not silently ignored.
 */
export function mergeRules(overrides: unknown): RateRules {
  const rules: RateRules = structuredClone(DEFAULT_RULES) as RateRules;
  if (overrides === undefined || overrides === null) return rules;
  if (typeof overrides !== 'object' || Array.isArray(overrides))
    throw new Error('rate limits must be an object');
  for (const [scope, rule] of Object.entries(overrides)) {
    if (!(scope in rules)) throw new Error(`unknown rate limit scope "${scope}"`);
    if (typeof rule !== 'object' || rule === null) throw new Error(`rate limit "${scope}" must be an object`);
    for (const [dim, allowance] of Object.entries(rule)) {
      if (dim !== 'user' && dim !== 'ip') throw new Error(`rate limit "${scope}" has no "${dim}"`);
      if (!isAllowance(allowance)) throw new Error(`rate limit "${scope}.${dim}" must be [points, seconds]`);
      (rules[scope as RateScope] as { user: Allowance; ip: Allowance })[dim] = allowance;
    }
  }
  return rules;
}
