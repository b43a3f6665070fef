import { EntityManager } from 'typeorm';
import { CommitmentEntity } from '../entities/commitment.entity';
import { OwedMaterialEntity } from '../entities/owed-material.entity';
import { PostCheckEntity } from '../entities/post-check.entity';
import { ObligationsRepository } from '../repositories/obligations.repository';

/** An in-memory stand-in for ObligationsRepository (owed materials, commitments, post-checks). */
export class FakeObligations {
  readonly owedRows: Array<Omit<OwedMaterialEntity, 'id'>> = [];
  readonly commitments: Array<Omit<CommitmentEntity, 'id'>> = [];
  readonly postChecks: Array<Omit<PostCheckEntity, 'id'>> = [];

  insertOwed(_em: EntityManager, rows: Array<Omit<OwedMaterialEntity, 'id'>>): Promise<void> {
    this.owedRows.push(...rows);
    return Promise.resolve();
  }

  insertCommitment(_em: EntityManager, c: Omit<CommitmentEntity, 'id'>): Promise<void> {
    this.commitments.push(c);
    return Promise.resolve();
  }

  insertPostCheck(_em: EntityManager, p: Omit<PostCheckEntity, 'id'>): Promise<void> {
    this.postChecks.push(p);
    return Promise.resolve();
  }

  asRepository(): ObligationsRepository {
    return this as unknown as ObligationsRepository;
  }
}
