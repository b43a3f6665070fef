import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertRow } from '@app/shared/database';
import { RatableCaseEntity } from '../entities/ratable-case.entity';

/** The local projection of completed cases (who may rate which case, and until when). */
@Injectable()
export class RatableCaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records the case once; a second completion of the same case changes nothing. */
  async insertIfAbsent(em: EntityManager, values: RatableCaseEntity): Promise<void> {
    await insertRow(em, RatableCaseEntity, values, { ifAbsent: true });
  }

  findByCaseNo(caseNo: string): Promise<RatableCaseEntity | null> {
    return this.db.getRepository(RatableCaseEntity).findOneBy({ caseNo });
  }
}
