import { BaseConfig } from '../config/base.config';
import { DomainError } from '../errors/domain-error';
import { JwtVerifier } from './jwt-verifier';
import { generateEs256KeyPair, signToken } from './token-signer';
import { generateKeyPairSync } from 'node:crypto';
import { sign } from 'jsonwebtoken';

describe('JwtVerifier', () => {
  const keys = generateEs256KeyPair();
  const verifier = new JwtVerifier(
    Object.assign(new BaseConfig(), { JWT_PUBLIC_KEY: keys.publicKeyPem, JWT_ISSUER: 'gov-platform' }),
  );

  it('accepts a valid ES256 token and keeps only known roles', () => {
    const dept = '113301000024901620';
    const t = sign({ sub: 'u1', roles: ['clerk', 'root'], dept, name: '王五' }, keys.privateKeyPem, {
      algorithm: 'ES256',
      issuer: 'gov-platform',
      expiresIn: 60,
    });
    expect(verifier.verify(t)).toMatchObject({ sub: 'u1', roles: ['clerk'], dept, name: '王五' });
  });

  it.each([
    [
      'expired',
      () => signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, { expiresInSeconds: -30 }),
    ],
    ['wrong issuer', () => signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, { issuer: 'evil' })],
    ['another key', () => signToken({ sub: 'u', roles: ['admin'] }, generateEs256KeyPair().privateKeyPem)],
    [
      'HS256 with the public key as secret',
      () => sign({ sub: 'u', roles: ['admin'] }, 'secret', { algorithm: 'HS256', issuer: 'gov-platform' }),
    ],
    [
      'no subject',
      () => sign({ roles: ['admin'] }, keys.privateKeyPem, { algorithm: 'ES256', issuer: 'gov-platform' }),
    ],
    ['garbage', () => 'a.b.c'],
    [
      'no expiry',
      () =>
        sign({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, {
          algorithm: 'ES256',
          issuer: 'gov-platform',
        }),
    ],
    [
      'a malformed dept claim',
      () => signToken({ sub: 'u', roles: ['clerk'], dept: 'D' }, keys.privateKeyPem),
    ],
    ['an over-long subject', () => signToken({ sub: 'u'.repeat(101), roles: ['admin'] }, keys.privateKeyPem)],
    [
      'an over-long name',
      () => signToken({ sub: 'u', roles: ['admin'], name: '名'.repeat(101) }, keys.privateKeyPem),
    ],
    // Claims end up in rows (usage log, case, decision): what PostgreSQL cannot store is refused here.
    ['a NUL in the subject', () => signToken({ sub: 'u\u0000x', roles: ['admin'] }, keys.privateKeyPem)],
    [
      'a NUL in the name',
      () => signToken({ sub: 'u', roles: ['admin'], name: '王\u0000五' }, keys.privateKeyPem),
    ],
    [
      'a lone surrogate in the subject',
      () => signToken({ sub: 'cz\ud800x', roles: ['applicant'] }, keys.privateKeyPem),
    ],
    [
      'a control character in the name',
      () => signToken({ sub: 'u', roles: ['admin'], name: 'a\u0007' }, keys.privateKeyPem),
    ],
    [
      'a dept with a wrong check character',
      () => signToken({ sub: 'u', roles: ['clerk'], dept: '113301000024901621' }, keys.privateKeyPem),
    ],
    ['a clerk without dept', () => signToken({ sub: 'u', roles: ['clerk'] }, keys.privateKeyPem)],
    ['an approver without dept', () => signToken({ sub: 'u', roles: ['approver'] }, keys.privateKeyPem)],
    [
      'an iat a year in the future',
      () =>
        sign(
          { sub: 'u', roles: ['admin'], iat: Math.floor(Date.now() / 1000) + 365 * 86400 },
          keys.privateKeyPem,
          { algorithm: 'ES256', issuer: 'gov-platform', expiresIn: 60 },
        ),
    ],
    [
      'a lifetime beyond the 12 h maximum',
      () => signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, { expiresInSeconds: 13 * 3600 }),
    ],
  ])('rejects a token with %s as UNAUTHENTICATED', (_why, make) => {
    expect(() => verifier.verify(make())).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }) as DomainError,
    );
  });

  it('accepts staff with a valid dept, other roles without one, and a lifetime up to the maximum', () => {
    const ok = (claims: Parameters<typeof signToken>[0], ttl = 3600) =>
      verifier.verify(signToken(claims, keys.privateKeyPem, { expiresInSeconds: ttl }));
    expect(ok({ sub: 'c', roles: ['clerk'], dept: '113301000024901620' }).dept).toBe('113301000024901620');
    expect(ok({ sub: 'p', roles: ['partner'] }).roles).toEqual(['partner']);
    expect(ok({ sub: 'a', roles: ['applicant'], name: '张三 😀' }, 12 * 3600).name).toBe('张三 😀');
  });

  it('accepts RS256 when the configured key is RSA', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const v = new JwtVerifier(
      Object.assign(new BaseConfig(), {
        JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        JWT_ISSUER: 'gov-platform',
      }),
    );
    const t = sign(
      { sub: 'r', roles: ['partner'] },
      privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      { algorithm: 'RS256', issuer: 'gov-platform', expiresIn: 60 },
    );
    expect(v.verify(t).roles).toEqual(['partner']);
    // The EC-configured verifier refuses an RS256 token outright, and vice versa.
    expect(() => verifier.verify(t)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }) as DomainError,
    );
    expect(() => v.verify(signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem))).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }) as DomainError,
    );
  });

  it('checks the audience when one is configured', () => {
    const v = new JwtVerifier(
      Object.assign(new BaseConfig(), {
        JWT_PUBLIC_KEY: keys.publicKeyPem,
        JWT_ISSUER: 'gov-platform',
        JWT_AUDIENCE: 'gov-platform-api',
      }),
    );
    const ok = signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, {
      audience: 'gov-platform-api',
    });
    expect(v.verify(ok).sub).toBe('u');
    for (const t of [
      signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem, { audience: 'another-app' }),
      signToken({ sub: 'u', roles: ['admin'] }, keys.privateKeyPem),
    ]) {
      expect(() => v.verify(t)).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }) as DomainError);
    }
  });

  it('answers a token verified before from memory until it expires, then refuses it', () => {
    jest.useFakeTimers({ now: new Date('2026-11-26T08:00:00Z') });
    try {
      const t = signToken({ sub: 'cached', roles: ['admin'] }, keys.privateKeyPem, { expiresInSeconds: 60 });
      const first = verifier.verify(t);
      expect(verifier.verify(t)).toBe(first);
      jest.setSystemTime(new Date('2026-11-26T08:01:10Z'));
      expect(() => verifier.verify(t)).toThrow(DomainError);
      // A tampered copy of a remembered token is verified on its own (and refused). The signature's first
      // character is changed: all its bits count (the last two characters' may be padding, or already 'xx').
      jest.setSystemTime(new Date('2026-11-26T08:00:00Z'));
      const at = t.lastIndexOf('.') + 1;
      const tampered = `${t.slice(0, at)}${t[at] === 'A' ? 'B' : 'A'}${t.slice(at + 1)}`;
      expect(tampered).not.toBe(t);
      expect(() => verifier.verify(tampered)).toThrow(DomainError);
    } finally {
      jest.useRealTimers();
    }
  });
});
