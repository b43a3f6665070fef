import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { ReviewEntity } from '../entities/review.entity';
import { runInTransaction } from '@app/shared/database';

export type NewReview = Omit<ReviewEntity, 'id' | 'createdAt'>;

/** Thrown by `insert` when the case was already rated at this stage (the unique business key). */
export class DuplicateReviewError extends Error {
  constructor() {
    super('review already exists for this case, stage and assessment number');
    this.name = 'DuplicateReviewError';
  }
}

const isUniqueViolation = (e: unknown): boolean =>
  e instanceof QueryFailedError && (e.driverError as { code?: string }).code === '23505';

/** Reviews (好差评): one per case, stage and assessment number. */
@Injectable()
export class ReviewRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  async insert(em: EntityManager, values: NewReview): Promise<ReviewEntity> {
    const review = em.create(ReviewEntity, values);
    try {
      await em.save(review);
    } catch (e) {
      if (isUniqueViolation(e)) throw new DuplicateReviewError();
      throw e;
    }
    return review;
  }

  /** The reviews of a case, oldest first. */
  forCase(caseNo: string): Promise<ReviewEntity[]> {
    return this.db.getRepository(ReviewEntity).find({ where: { caseNo }, order: { createdAt: 'ASC' } });
  }
}
