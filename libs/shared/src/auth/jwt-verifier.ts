import { Injectable } from '@nestjs/common';
import { JsonWebTokenError, verify } from 'jsonwebtoken';
import { BaseConfig } from '../config/base.config';
import { DomainError } from '../errors/domain-error';
import { ALL_ROLES, Principal, Role } from './principal';

@Injectable()
export class JwtVerifier {
  constructor(private readonly config: BaseConfig) {}

  /** Verifies signature (ES256/RS256 only), expiry and issuer; returns the caller or throws UNAUTHENTICATED. */
  verify(token: string): Principal {
    let claims: Record<string, unknown>;
    try {
      const decoded = verify(token, this.config.JWT_PUBLIC_KEY, {
        algorithms: ['ES256', 'RS256'],
        issuer: this.config.JWT_ISSUER,
        clockTolerance: 5,
      });
      if (typeof decoded === 'string') throw new JsonWebTokenError('unexpected string payload');
      claims = { ...decoded };
    } catch (e) {
      throw new DomainError('UNAUTHENTICATED', undefined, {
        reason: e instanceof Error ? e.message : 'invalid token',
      });
    }
    const roles = Array.isArray(claims.roles)
      ? claims.roles.filter((r): r is Role => ALL_ROLES.includes(r as Role))
      : [];
    if (typeof claims.sub !== 'string' || claims.sub.length === 0) {
      throw new DomainError('UNAUTHENTICATED', undefined, { reason: 'token has no subject' });
    }
    return {
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      roles,
      dept: typeof claims.dept === 'string' ? claims.dept : undefined,
      token,
    };
  }
}
