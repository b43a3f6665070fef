import type { BadReviewOrderRepository } from '../../../bad-reviews/repositories/bad-review-order.repository';
import type { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import type { ReviewRepository } from '../../repositories/review.repository';
import { ReviewsPolicy } from '../../reviews.policy';
import {
  admin,
  applicant,
  CASE_NO,
  ratableCase,
  review,
  staff,
  workOrder,
} from '../../testing/review.fixtures';
import { ReviewQueries } from './review-queries.use-case';

describe('ReviewQueries', () => {
  const setup = () => {
    const cases = { findByCaseNo: jest.fn().mockResolvedValue(ratableCase()) };
    const reviews = { forCase: jest.fn().mockResolvedValue([review({ satisfaction: 1, comment: '差' })]) };
    const orders = { forCase: jest.fn().mockResolvedValue([workOrder()]) };
    const queries = new ReviewQueries(
      cases as unknown as RatableCaseRepository,
      reviews as unknown as ReviewRepository,
      orders as unknown as BadReviewOrderRepository,
      new ReviewsPolicy(),
    );
    return { queries };
  };

  it('shows the reviews of a case, with their work orders, to its applicant, its staff and an admin', async () => {
    const { queries } = setup();
    for (const user of [applicant(), staff('clerk'), staff('approver'), admin()]) {
      const v = await queries.forCase(user, CASE_NO);
      expect(v.reviews).toHaveLength(1);
      expect(v.reviews[0]).toMatchObject({ satisfaction: 1, workOrder: { rectifyDueDate: '2026-12-15' } });
    }
  });

  it('answers 404 CASE_NOT_FOUND to other applicants and staff of other departments', async () => {
    const { queries } = setup();
    for (const user of [applicant('other'), staff('clerk', '11330100002491026R')]) {
      await expect(queries.forCase(user, CASE_NO)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    }
  });
});
