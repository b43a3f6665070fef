import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';
import type { Role } from './principal';

/** Local development and tests only: production tokens come from the province's identity provider. */
export interface TokenClaims {
  sub: string;
  roles: Role[];
  name?: string;
  dept?: string;
}

export function signToken(
  claims: TokenClaims,
  privateKeyPem: string,
  opts: { issuer?: string; audience?: string; expiresInSeconds?: number } = {},
): string {
  return sign({ ...claims }, privateKeyPem, {
    algorithm: 'ES256',
    issuer: opts.issuer ?? 'gov-platform',
    expiresIn: opts.expiresInSeconds ?? 3600,
    ...(opts.audience ? { audience: opts.audience } : {}),
  });
}

export function generateEs256KeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
