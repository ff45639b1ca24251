import { ErrorCode, Role, type TokenClaims } from '@sharestack/protocol';
import { TokenClaims as TokenClaimsSchema } from '@sharestack/protocol/schemas';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { Principal } from '../http/env.js';
import { unauthorized } from '../http/problem.js';

const encoder = new TextEncoder();
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * Verifies a host-site token. HS256 only (so `none` and key-confusion tricks fail), `sub` and
 * `exp` required, and the claims must fit the protocol's shape.
 */
export async function verifyToken(token: string, secret: string): Promise<TokenClaims> {
  const key = `${secret}\n${token}`;
  const hit = verified.get(key);
  if (hit) {
    if (hit.exp > Date.now() / 1000 - CLOCK_TOLERANCE_SECONDS) return hit.claims;
    verified.delete(key);
  }
  const claims = await verifyAfresh(token, secret);
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
  verified.set(key, { claims, exp: claims.exp });
  return claims;
}

/**
 * Tokens that passed verification, until they expire. A client sends the same token with
 * every request, and an HMAC through WebCrypto cost more than the rest of authenticating a
 * comment post. The key holds the secret too, so a rotated secret never finds an old entry;
 * only good tokens are kept, and an expired one is dropped and verified (and refused) afresh.
 */
const verified = new Map<string, { claims: TokenClaims; exp: number }>();
const VERIFIED_MAX = 10_000;

async function verifyAfresh(token: string, secret: string): Promise<TokenClaims> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (err) {
    if (err instanceof errors.JWTExpired)
      throw unauthorized(ErrorCode.TokenExpired, 'The token has expired.');
    throw unauthorized(ErrorCode.TokenInvalid, 'The token is not valid for this site.');
  }
  const claims = TokenClaimsSchema.safeParse(payload);
  if (!claims.success) {
    const fields = claims.error.issues.map((i) => i.path.join('.') || 'token').join(', ');
    throw unauthorized(ErrorCode.TokenInvalid, `The token's claims are malformed (${fields}).`);
  }
  return claims.data;
}

export async function signToken(
  secret: string,
  claims: Omit<TokenClaims, 'exp'>,
  ttlSeconds: number,
): Promise<{ token: string; expiresAt: Date }> {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  const { sub, ...rest } = claims;
  const token = await new SignJWT({ ...rest })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(exp)
    .sign(encoder.encode(secret));
  return { token, expiresAt: new Date(exp * 1000) };
}

export function principalFromClaims(claims: TokenClaims): Principal {
  const guest = claims.guest === true;
  // A guest is whoever clicked "comment as guest": never a moderator, whatever the token says.
  const roles = guest
    ? []
    : [...new Set((claims.roles ?? []).filter((r) => r === Role.Moderator || r === Role.Admin))];
  return {
    id: claims.sub,
    name: claims.name ?? claims.sub,
    avatar_url: claims.avatar ?? null,
    roles,
    is_guest: guest,
    moderator: roles.length > 0,
    claimedName: claims.name ?? null,
    claimedAvatar: claims.avatar ?? null,
    claimedEmail: claims.email ?? null,
  };
}
