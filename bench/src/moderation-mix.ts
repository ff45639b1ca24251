/** The comment mix bench/moderation posts (shared with moderation-ab.ts). */
import { SignJWT } from 'jose';

export const SETTINGS = {
  new_account_comments_per_hour: 10_000,
  flagged_words: ['casino', 'crypto giveaway'],
};

export const ORDINARY = [
  'Thanks for writing this up, the section on caching was exactly what I needed.',
  'I disagree with the second point: the benchmark ignores cold starts.',
  'Has anyone tried this with PostgreSQL instead of SQLite? Curious about the numbers.',
  'Great article! Bookmarking it for the team.',
  'The diagram in part two helped a lot, nice work.',
  'Could you share the config you used for the load test?',
  'This matches what we saw in production last year.',
];
export const SPAMMY = [
  'Make money fast! Earn $5000 a week from home, click http://cheap.example/now limited offer!!!',
  'FREE crypto giveaway, visit www.scam.example and claim your prize today',
];

/** Texts vary per request, so the classifier and duplicate checks do real work. */
export const textFor = (i: number) =>
  i % 10 === 9 ? `${SPAMMY[i % SPAMMY.length]} #${i}` : `${ORDINARY[i % ORDINARY.length]} (${i})`;

export async function sign(secret: string, sub: string, roles: string[] = []) {
  return new SignJWT({ name: sub, ...(roles.length > 0 ? { roles } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(secret));
}
