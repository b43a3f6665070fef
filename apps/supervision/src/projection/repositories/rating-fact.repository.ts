import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BadReviewFactEntity, ReviewFactEntity } from '../entities/rating.entity';

/** Ratings and 差评整改 work orders as evaluation published them (one row per id, whatever the redelivery). */
@Injectable()
export class RatingFactRepository {
  async addReview(em: EntityManager, values: ReviewFactEntity): Promise<void> {
    await em.createQueryBuilder().insert().into(ReviewFactEntity).values(values).orIgnore().execute();
  }

  async addBadReview(em: EntityManager, values: BadReviewFactEntity): Promise<void> {
    await em.createQueryBuilder().insert().into(BadReviewFactEntity).values(values).orIgnore().execute();
  }
}
