import { Logger } from '@nestjs/common';
import { Repository } from 'typeorm';
import { CertificateConfig } from '../config/certificate.config';
import { generateSm2KeyPair } from '../licence-core';
import { SigningKeyEntity } from './entities/signing-key.entity';
import { KEY_RELOAD_INTERVAL_MS, SigningKeysService } from './signing-keys.service';

describe('SigningKeysService key cache', () => {
  const active = generateSm2KeyPair();
  const other = generateSm2KeyPair();
  let rows: SigningKeyEntity[];
  let now: number;
  let find: jest.Mock;
  let findOneBy: jest.Mock;
  let svc: SigningKeysService;

  beforeEach(async () => {
    now = 1_000_000;
    jest.spyOn(performance, 'now').mockImplementation(() => now);
    jest.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
    rows = [];
    find = jest.fn(() => Promise.resolve(rows.map((r) => ({ ...r }))));
    findOneBy = jest.fn(({ kid }: { kid: string }) =>
      Promise.resolve(rows.find((r) => r.kid === kid) ?? null),
    );
    const repo = {
      find,
      findOneBy,
      createQueryBuilder: () => ({
        insert: () => ({
          values: (v: SigningKeyEntity) => ({
            orIgnore: () => ({
              execute: () => Promise.resolve(void rows.push({ ...v, createdAt: new Date() })),
            }),
          }),
        }),
      }),
    } as unknown as Repository<SigningKeyEntity>;
    svc = new SigningKeysService(
      { SIGNING_KEY_ID: 'k1', SIGNING_PRIVATE_KEY: active.privateKeyHex } as CertificateConfig,
      repo,
    );
    await svc.onModuleInit();
    find.mockClear();
    findOneBy.mockClear();
  });

  afterEach(() => jest.restoreAllMocks());

  const addKey = (kid: string) =>
    rows.push({ kid, algorithm: 'SM2-SM3', publicKeyHex: other.publicKeyHex, createdAt: new Date() });

  it('registers the active key at boot and answers known kids from memory', async () => {
    expect(await svc.publicKey('k1')).toBe(active.publicKeyHex);
    expect(await svc.publicKeyOfRecord('k1')).toBe(active.publicKeyHex);
    expect(find).not.toHaveBeenCalled();
    expect(findOneBy).not.toHaveBeenCalled();
  });

  it('reloads on an unknown kid at most once per interval, and still picks up a key deployed meanwhile', async () => {
    for (let i = 0; i < 50; i++) expect(await svc.publicKey(`nope-${i}`)).toBeUndefined();
    expect(find).not.toHaveBeenCalled(); // the boot reload started the window
    addKey('k2'); // another replica rotated
    expect(await svc.publicKey('k2')).toBeUndefined();
    now += KEY_RELOAD_INTERVAL_MS;
    expect(await svc.publicKey('k2')).toBe(other.publicKeyHex);
    expect(find).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) expect(await svc.publicKey(`nope-${i}`)).toBeUndefined();
    now += KEY_RELOAD_INTERVAL_MS - 1;
    expect(await svc.publicKey('nope')).toBeUndefined();
    expect(find).toHaveBeenCalledTimes(1);
    now += 1;
    expect(await svc.publicKey('nope')).toBeUndefined();
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('shares one reload between concurrent misses', async () => {
    now += KEY_RELOAD_INTERVAL_MS;
    addKey('k2');
    const got = await Promise.all(Array.from({ length: 20 }, () => svc.publicKey('k2')));
    expect(new Set(got)).toEqual(new Set([other.publicKeyHex]));
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('a failed reload fails its callers and still counts for the interval', async () => {
    now += KEY_RELOAD_INTERVAL_MS;
    find.mockRejectedValueOnce(new Error('db down'));
    await expect(svc.publicKey('k2')).rejects.toThrow('db down');
    expect(await svc.publicKey('k2')).toBeUndefined();
    expect(find).toHaveBeenCalledTimes(1);
  });

  it("resolves a stored licence's kid (a foreign key) with one lookup, even inside the interval", async () => {
    addKey('k2');
    expect(await svc.publicKeyOfRecord('k2')).toBe(other.publicKeyHex);
    expect(await svc.publicKeyOfRecord('k2')).toBe(other.publicKeyHex);
    expect(await svc.publicKey('k2')).toBe(other.publicKeyHex);
    expect(findOneBy).toHaveBeenCalledTimes(1);
    expect(await svc.publicKeyOfRecord('gone')).toBeUndefined();
    expect(find).not.toHaveBeenCalled();
  });
});
