import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CertificateConfig } from '../config/certificate.config';
import { publicKeyFromPrivate, sm2PublicKeyPem } from '../licence-core';
import { KeysList } from './dto/keys-list.response.dto';
import { SigningKeyEntity } from './entities/signing-key.entity';

/** On a miss for a kid from public input, the key table is re-read at most this often. */
export const KEY_RELOAD_INTERVAL_MS = 30_000;

/**
 * The active SM2 key comes from config; its public half is recorded at boot, so after a rotation the old
 * kid still resolves and licences signed with it keep verifying. Public keys are cached in memory; a key
 * deployed by another replica is picked up by the next reload (at most KEY_RELOAD_INTERVAL_MS later).
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private readonly logger = new Logger(SigningKeysService.name);
  private cache = new Map<string, string>();
  /** performance.now() of the last reload attempt (monotonic, so a wall-clock step changes nothing). */
  private lastReloadAt = Number.NEGATIVE_INFINITY;
  private reloading: Promise<void> | null = null;
  readonly activeKid: string;
  readonly activePublicKeyHex: string;

  constructor(
    private readonly config: CertificateConfig,
    @InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>,
  ) {
    this.activeKid = config.SIGNING_KEY_ID;
    this.activePublicKeyHex = publicKeyFromPrivate(config.SIGNING_PRIVATE_KEY.toLowerCase());
  }

  get privateKeyHex(): string {
    return this.config.SIGNING_PRIVATE_KEY.toLowerCase();
  }

  async onModuleInit(): Promise<void> {
    const existing = await this.keys.findOneBy({ kid: this.activeKid });
    if (existing && existing.publicKeyHex !== this.activePublicKeyHex) {
      throw new Error(
        `signing key ${this.activeKid} is already registered with a different public key: use a new SIGNING_KEY_ID when rotating`,
      );
    }
    if (!existing) {
      await this.keys
        .createQueryBuilder()
        .insert()
        .values({ kid: this.activeKid, algorithm: 'SM2-SM3', publicKeyHex: this.activePublicKeyHex })
        .orIgnore()
        .execute();
    }
    await this.reload();
  }

  /** Single flight: concurrent callers share one query; the attempt (even a failed one) starts the window. */
  private reload(): Promise<void> {
    if (!this.reloading) {
      this.lastReloadAt = performance.now();
      this.reloading = this.keys
        .find()
        .then((all) => {
          this.cache = new Map(all.map((k) => [k.kid, k.publicKeyHex]));
        })
        .finally(() => {
          this.reloading = null;
        });
    }
    return this.reloading;
  }

  /**
   * Public key of a kid taken from public input (the QR token, before its signature is checked). A miss
   * re-reads the key table at most once per KEY_RELOAD_INTERVAL_MS (waiting for a reload already under
   * way), so unknown kids cannot turn every request into a table scan; otherwise undefined.
   */
  async publicKey(kid: string): Promise<string | undefined> {
    const hit = this.cache.get(kid);
    if (hit !== undefined) return hit;
    if (this.reloading) {
      await this.reloading;
    } else if (performance.now() - this.lastReloadAt >= KEY_RELOAD_INTERVAL_MS) {
      this.logger.debug({ kid }, 'unknown signing key id: reloading the signing keys');
      await this.reload();
    }
    return this.cache.get(kid);
  }

  /**
   * Public key of the kid of a stored licence. licences.kid references signing_keys, so a miss only
   * means the cache is stale (a key registered by another replica): one primary-key lookup, cached.
   */
  async publicKeyOfRecord(kid: string): Promise<string | undefined> {
    const hit = this.cache.get(kid);
    if (hit !== undefined) return hit;
    const row = await this.keys.findOneBy({ kid });
    if (row) this.cache.set(row.kid, row.publicKeyHex);
    return row?.publicKeyHex;
  }

  async list(): Promise<KeysList> {
    const all = await this.keys.find({ order: { createdAt: 'ASC' } });
    return {
      keys: all.map((k) => ({
        kid: k.kid,
        algorithm: k.algorithm,
        curve: 'SM2 (GM/T 0003, OID 1.2.156.10197.1.301)',
        userId: '1234567812345678',
        publicKeyHex: k.publicKeyHex,
        publicKeyPem: sm2PublicKeyPem(k.publicKeyHex),
        active: k.kid === this.activeKid,
      })),
    };
  }
}
