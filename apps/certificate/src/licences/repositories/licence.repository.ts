import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { insertRow, readOneBy } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { LicenceEntity } from '../entities/licence.entity';

/** The licences aggregate: every read and write of the `licences` table goes through here. */
@Injectable()
export class LicenceRepository {
  constructor(@InjectRepository(LicenceEntity) private readonly repo: Repository<LicenceEntity>) {}

  /** The licence without its file, or null (read without TypeORM's query builder: every QR scan reads it). */
  findById(licenceId: string): Promise<LicenceEntity | null> {
    return readOneBy(this.repo.manager, LicenceEntity, 'licenceId', licenceId);
  }

  /** The licence (with its PDF when `withFile`), or LICENCE_NOT_FOUND. */
  async getById(licenceId: string, opts: { withFile?: boolean } = {}): Promise<LicenceEntity> {
    const qb = this.repo.createQueryBuilder('l').where('l.licence_id = :id', { id: licenceId });
    if (opts.withFile) qb.addSelect('l.file');
    const l = await qb.getOne();
    if (!l) throw new DomainError('LICENCE_NOT_FOUND', undefined, { licenceId });
    return l;
  }

  /** Licences of a type held by the holder whose ID hashes to `holderCertHash` (newest first). */
  findByHolder(
    q: { typeCode: string; holderCertType: string; holderCertHash: string },
    limit = 50,
  ): Promise<LicenceEntity[]> {
    return this.repo.find({ where: q, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Licences of a type whose holder ID hashes to `holderCertHash`, whatever its ID type. */
  findByHolderHash(typeCode: string, holderCertHash: string, limit = 50): Promise<LicenceEntity[]> {
    return this.repo.find({ where: { typeCode, holderCertHash }, order: { createdAt: 'DESC' }, take: limit });
  }

  /** Rows claiming a file hash, oldest first (more than one only after tampering). */
  findByFileHash(fileSm3: string, limit = 5): Promise<LicenceEntity[]> {
    return this.repo.find({ where: { fileSm3 }, order: { createdAt: 'ASC' }, take: limit });
  }

  /** Whether the case already has this version of its licence (the unique business key). */
  async existsForCase(
    em: EntityManager,
    key: { caseNo: string; itemCode: string; version: string },
  ): Promise<boolean> {
    const [row] = await em.query<Array<{ found: boolean }>>(
      'SELECT EXISTS (SELECT 1 FROM licences WHERE case_no = $1 AND item_code = $2 AND version = $3) AS found',
      [key.caseNo, key.itemCode, key.version],
    );
    return row.found;
  }

  /** The licences of a case (every version, without files), row-locked until the transaction ends. */
  forCaseForUpdate(em: EntityManager, caseNo: string): Promise<LicenceEntity[]> {
    return em.getRepository(LicenceEntity).find({
      where: { caseNo },
      order: { version: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Saves the unsigned state of a licence (status, revocation) inside the caller's transaction. */
  async saveState(em: EntityManager, l: LicenceEntity): Promise<void> {
    await em
      .getRepository(LicenceEntity)
      .update(
        { id: l.id },
        { status: l.status, revokedAt: l.revokedAt, revocationReason: l.revocationReason },
      );
  }

  /** Inserts a new licence inside the caller's transaction. */
  async insert(em: EntityManager, licence: Partial<LicenceEntity>): Promise<LicenceEntity> {
    return (await insertRow(em, LicenceEntity, licence))!;
  }
}
