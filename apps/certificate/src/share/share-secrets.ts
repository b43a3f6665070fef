import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Secrets, access tokens and link ids are 256/128 random bits, so a fast hash is enough to store them
 * (nothing to brute-force, unlike a password): SHA-256 hex, compared in constant time.
 */
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const newAccessToken = (): string => randomBytes(32).toString('base64url');
export const newLinkId = (): string => randomBytes(16).toString('hex');
export const hashSecret = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
