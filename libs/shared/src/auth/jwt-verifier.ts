import { createPublicKey } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Algorithm, JsonWebTokenError, verify } from 'jsonwebtoken';
import { BaseConfig } from '../config/base.config';
import { DomainError } from '../errors/domain-error';
import { ALL_ROLES, Principal, Role } from './principal';

/** Department claims are the department's 统一社会信用代码. */
const DEPT_RE = /^[0-9A-Z]{18}$/;
const MAX_SUB = 100;
const MAX_NAME = 100;

/** The one algorithm the configured key can verify: an EC key never accepts RS256 and vice versa. */
function algorithmOf(publicKeyPem: string): Algorithm {
  const type = createPublicKey(publicKeyPem).asymmetricKeyType;
  if (type === 'ec') return 'ES256';
  if (type === 'rsa') return 'RS256';
  throw new Error(`JWT_PUBLIC_KEY: unsupported key type ${String(type)} (EC P-256 or RSA expected)`);
}

const unauthenticated = (reason: string) => new DomainError('UNAUTHENTICATED', undefined, { reason });

@Injectable()
export class JwtVerifier {
  private readonly algorithm: Algorithm;

  constructor(private readonly config: BaseConfig) {
    this.algorithm = algorithmOf(config.JWT_PUBLIC_KEY);
  }

  /**
   * Verifies the signature (the key's own algorithm only), expiry (required), issuer and, when configured,
   * audience; checks the claims' shape. Returns the caller or throws UNAUTHENTICATED.
   */
  verify(token: string): Principal {
    let claims: Record<string, unknown>;
    try {
      const decoded = verify(token, this.config.JWT_PUBLIC_KEY, {
        algorithms: [this.algorithm],
        issuer: this.config.JWT_ISSUER,
        ...(this.config.JWT_AUDIENCE ? { audience: this.config.JWT_AUDIENCE } : {}),
        clockTolerance: 5,
      });
      if (typeof decoded === 'string') throw new JsonWebTokenError('unexpected string payload');
      claims = { ...decoded };
    } catch (e) {
      throw unauthenticated(e instanceof Error ? e.message : 'invalid token');
    }
    if (typeof claims.exp !== 'number') throw unauthenticated('token has no expiry');
    if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > MAX_SUB) {
      throw unauthenticated('token has no valid subject');
    }
    if (claims.name !== undefined && (typeof claims.name !== 'string' || claims.name.length > MAX_NAME)) {
      throw unauthenticated('token has an invalid name claim');
    }
    if (claims.dept !== undefined && (typeof claims.dept !== 'string' || !DEPT_RE.test(claims.dept))) {
      throw unauthenticated('token has an invalid dept claim (18-character 统一社会信用代码 expected)');
    }
    const roles = Array.isArray(claims.roles)
      ? claims.roles.filter((r): r is Role => ALL_ROLES.includes(r as Role))
      : [];
    return {
      sub: claims.sub,
      name: claims.name,
      roles,
      dept: claims.dept,
      token,
    };
  }
}
