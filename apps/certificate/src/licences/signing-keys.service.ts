import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { CertificateConfig } from '../config/certificate.config';
import { publicKeyFromPrivate, sm2PublicKeyPem } from '../licence-core';
import { SigningKeyEntity } from './entities/signing-key.entity';

/**
 * The active SM2 key comes from config; its public half is recorded at boot, so after a rotation the old
 * kid still resolves and licences signed with it keep verifying.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private cache = new Map<string, string>();
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

  private async reload(): Promise<void> {
    const all = await this.keys.find();
    this.cache = new Map(all.map((k) => [k.kid, k.publicKeyHex]));
  }

  async publicKey(kid: string): Promise<string | undefined> {
    if (!this.cache.has(kid)) await this.reload();
    return this.cache.get(kid);
  }

  async list() {
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
