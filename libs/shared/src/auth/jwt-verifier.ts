import { createPublicKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Algorithm, JsonWebTokenError, verify } from 'jsonwebtoken';
import { BaseConfig } from '../config/base.config';
import { DomainError } from '../errors/domain-error';
import { isValidUscc } from '../identifiers/uscc';
import { textProblem } from '../validation/text';
import { ALL_ROLES, DEPARTMENT_ROLES, Principal, Role } from './principal';

const MAX_SUB = 100;
const MAX_NAME = 100;
const CLOCK_TOLERANCE_S = 5;

/** The one algorithm the configured key can verify: an EC key never accepts RS256 and vice versa. */
function algorithmOf(publicKeyPem: string): Algorithm {
  const type = createPublicKey(publicKeyPem).asymmetricKeyType;
  if (type === 'ec') return 'ES256';
  if (type === 'rsa') return 'RS256';
  throw new Error(`JWT_PUBLIC_KEY: unsupported key type ${String(type)} (EC P-256 or RSA expected)`);
}

const unauthenticated = (reason: string) => new DomainError('UNAUTHENTICATED', undefined, { reason });

/** Verified tokens remembered (a caller sends the same token with every request): at most this many. */
const VERIFIED_CACHE_SIZE = 10_000;

@Injectable()
export class JwtVerifier {
  private readonly algorithm: Algorithm;
  /** Parsed once: jsonwebtoken would parse the PEM again for every token. */
  private readonly key: KeyObject;
  /** token → its caller and expiry (s), oldest first; a hit is checked against the clock again. */
  private readonly verified = new Map<string, { principal: Principal; exp: number }>();

  constructor(private readonly config: BaseConfig) {
    this.algorithm = algorithmOf(config.JWT_PUBLIC_KEY);
    this.key = createPublicKey(config.JWT_PUBLIC_KEY);
  }

  /**
   * Verifies the signature (the key's own algorithm only), expiry (required), issuer and, when configured,
   * audience; checks the claims' shape. Returns the caller or throws UNAUTHENTICATED. A token verified
   * before answers from memory until it expires (the same token always verifies the same way; only the
   * clock changes its answer).
   */
  verify(token: string): Principal {
    const known = this.verified.get(token);
    if (known && known.exp + CLOCK_TOLERANCE_S > Date.now() / 1000) return known.principal;
    const fresh = this.verifyNow(token);
    if (this.verified.size >= VERIFIED_CACHE_SIZE) {
      this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(token, fresh);
    return fresh.principal;
  }

  private verifyNow(token: string): { principal: Principal; exp: number } {
    let claims: Record<string, unknown>;
    try {
      const decoded = verify(token, this.key, {
        algorithms: [this.algorithm],
        issuer: this.config.JWT_ISSUER,
        ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
        clockTolerance: CLOCK_TOLERANCE_S,
      });
      if (typeof decoded === 'string') throw new JsonWebTokenError('unexpected string payload');
      claims = { ...decoded };
    } catch (e) {
      throw unauthenticated(e instanceof Error ? e.message : 'invalid token');
    }
    if (typeof claims.exp !== 'number') throw unauthenticated('token has no expiry');
    const now = Math.floor(Date.now() / 1000);
    if (claims.iat !== undefined) {
      if (typeof claims.iat !== 'number') throw unauthenticated('token has an invalid iat claim');
      if (claims.iat > now + CLOCK_TOLERANCE_S) throw unauthenticated('token is issued in the future');
    }
    const issuedAt = typeof claims.iat === 'number' ? claims.iat : now;
    if (claims.exp - issuedAt > this.config.JWT_MAX_LIFETIME_SECONDS) {
      throw unauthenticated(`token lives longer than ${this.config.JWT_MAX_LIFETIME_SECONDS} s`);
    }
    if (typeof claims.sub !== 'string' || textProblem(claims.sub, { max: MAX_SUB }) !== null) {
      throw unauthenticated('token has no valid subject');
    }
    if (claims.name !== undefined && textProblem(claims.name, { max: MAX_NAME }) !== null) {
      throw unauthenticated('token has an invalid name claim');
    }
    if (claims.dept !== undefined && (typeof claims.dept !== 'string' || !isValidUscc(claims.dept))) {
      throw unauthenticated('token has an invalid dept claim (a valid 统一社会信用代码 expected)');
    }
    const roles = Array.isArray(claims.roles)
      ? claims.roles.filter((r): r is Role => ALL_ROLES.includes(r as Role))
      : [];
    if (claims.dept === undefined && roles.some((r) => DEPARTMENT_ROLES.includes(r))) {
      throw unauthenticated('staff tokens (clerk, approver) must name their department (dept)');
    }
    const principal: Principal = {
      sub: claims.sub,
      name: claims.name as string | undefined,
      roles,
      dept: claims.dept,
      token,
    };
    return { principal, exp: claims.exp };
  }
}
