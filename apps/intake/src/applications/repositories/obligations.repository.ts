import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { CommitmentEntity } from '../entities/commitment.entity';
import { OwedMaterialEntity } from '../entities/owed-material.entity';
import { PostCheckEntity } from '../entities/post-check.entity';

/**
 * What a case owes after its decision or 受理: the 容缺 materials still to supply, the signed 告知承诺书 and
 * the department's 事后核查 task. Part of the case aggregate: written only in the transaction that holds
 * the case's row lock (CaseRepository.lockCase).
 */
@Injectable()
export class ObligationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  owed(caseNo: string, em?: EntityManager): Promise<OwedMaterialEntity[]> {
    return (em ?? this.db.manager).find(OwedMaterialEntity, { where: { caseNo }, order: { id: 'ASC' } });
  }

  async insertOwed(em: EntityManager, rows: Array<Omit<OwedMaterialEntity, 'id'>>): Promise<void> {
    if (rows.length > 0) await em.insert(OwedMaterialEntity, rows);
  }

  async saveOwed(em: EntityManager, rows: OwedMaterialEntity[]): Promise<void> {
    await em.save(OwedMaterialEntity, rows);
  }

  commitment(caseNo: string, em?: EntityManager): Promise<CommitmentEntity | null> {
    return (em ?? this.db.manager).findOneBy(CommitmentEntity, { caseNo });
  }

  async insertCommitment(em: EntityManager, c: Omit<CommitmentEntity, 'id'>): Promise<void> {
    await em.insert(CommitmentEntity, c);
  }

  postCheck(caseNo: string, em?: EntityManager): Promise<PostCheckEntity | null> {
    return (em ?? this.db.manager).findOneBy(PostCheckEntity, { caseNo });
  }

  async insertPostCheck(em: EntityManager, p: Omit<PostCheckEntity, 'id'>): Promise<void> {
    await em.insert(PostCheckEntity, p);
  }

  async savePostCheck(em: EntityManager, p: PostCheckEntity): Promise<void> {
    await em.save(PostCheckEntity, p);
  }

  /** A query over post-check tasks (alias `p`) for lists. */
  postCheckQuery(): SelectQueryBuilder<PostCheckEntity> {
    return this.db.getRepository(PostCheckEntity).createQueryBuilder('p');
  }
}
