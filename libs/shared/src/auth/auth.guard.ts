import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { bearerToken } from './bearer';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { JwtVerifier } from './jwt-verifier';
import type { Principal, Role } from './principal';

/** Global guard: every HTTP route needs a valid bearer token unless marked @Public(); @Roles narrows who. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx
      .switchToHttp()
      .getRequest<{ headers: Record<string, string | undefined>; principal?: Principal }>();
    const header = req.headers.authorization;
    const token = bearerToken(header);
    if (!token) throw new DomainError('UNAUTHENTICATED', undefined, { reason: 'missing bearer token' });
    // An earlier hook (the gateway's rate limiter) may have verified this very token already.
    const principal = req.principal?.token === token ? req.principal : this.verifier.verify(token);
    req.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.some((r) => principal.roles.includes(r))) {
      throw new DomainError('FORBIDDEN', undefined, { requiredRoles: roles });
    }
    return true;
  }
}
