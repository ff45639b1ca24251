import { SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProblemError } from '../http/problem.js';
import { verifyToken } from './tokens.js';

const SECRET = 'a-site-secret-of-enough-length-0123456789';
const sign = (secret: string, sub: string, expSeconds: number) =>
  new SignJWT({ name: sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime(Math.floor(Date.now() / 1000) + expSeconds)
    .sign(new TextEncoder().encode(secret));

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'accepted';
  } catch (err) {
    return err instanceof ProblemError ? err.code : String(err);
  }
};

describe('verified tokens kept until they expire', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a repeated token with the same claims, and a rotated secret refuses it', async () => {
    const token = await sign(SECRET, 'ann', 3600);
    const first = await verifyToken(token, SECRET);
    expect(await verifyToken(token, SECRET)).toEqual(first);
    // After a secret rotation the site holds another secret: the kept entry must not answer.
    expect(await codeOf(verifyToken(token, 'another-secret-after-rotation-000000'))).toBe('token_invalid');
    expect((await verifyToken(token, SECRET)).sub).toBe('ann');
  });

  it('refuses a kept token once it has expired', async () => {
    const token = await sign(SECRET, 'bob', 60);
    expect((await verifyToken(token, SECRET)).sub).toBe('bob');
    vi.useFakeTimers({ now: Date.now() + 120_000, toFake: ['Date'] });
    expect(await codeOf(verifyToken(token, SECRET))).toBe('token_expired');
    expect(await codeOf(verifyToken(token, SECRET))).toBe('token_expired');
  });

  it('never keeps a bad token', async () => {
    const token = await sign('not-the-secret-at-all-0123456789', 'eve', 3600);
    expect(await codeOf(verifyToken(token, SECRET))).toBe('token_invalid');
    expect(await codeOf(verifyToken(token, SECRET))).toBe('token_invalid');
    const tampered = `${token.slice(0, -2)}xx`;
    expect(await codeOf(verifyToken(tampered, 'not-the-secret-at-all-0123456789'))).toBe('token_invalid');
  });
});
