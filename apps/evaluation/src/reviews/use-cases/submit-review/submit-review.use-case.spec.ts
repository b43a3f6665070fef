import type { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import type { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { testWorkCalendar } from '@app/shared/testing';
import { EvaluationConfig } from '../../../config/evaluation.config';
import type { RatableCaseEntity } from '../../entities/ratable-case.entity';
import type { BadReviewOrderRepository } from '../../../bad-reviews/repositories/bad-review-order.repository';
import type { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import { DuplicateReviewError, ReviewRepository } from '../../repositories/review.repository';
import { ReviewsPolicy } from '../../reviews.policy';
import { applicant, CASE_NO, ratableCase, review, staff, workOrder } from '../../testing/review.fixtures';
import { SubmitReviewUseCase } from './submit-review.use-case';

describe('SubmitReviewUseCase', () => {
  const em = {} as EntityManager;
  const setup = (c: RatableCaseEntity | null = ratableCase()) => {
    const cases = { findByCaseNo: jest.fn().mockResolvedValue(c) };
    const reviews = {
      transaction: jest.fn((work: (em: EntityManager) => Promise<unknown>) => work(em)),
      insert: jest.fn((_em: EntityManager, v: object) => Promise.resolve(review(v))),
    };
    const orders = { open: jest.fn((_em: EntityManager, v: object) => Promise.resolve(workOrder(v))) };
    const outbox = { add: jest.fn().mockResolvedValue(undefined) };
    const relay = { poke: jest.fn() };
    const useCase = new SubmitReviewUseCase(
      cases as unknown as RatableCaseRepository,
      reviews as unknown as ReviewRepository,
      orders as unknown as BadReviewOrderRepository,
      new ReviewsPolicy(),
      outbox as unknown as OutboxService,
      relay as unknown as OutboxRelay,
      testWorkCalendar(),
      Object.assign(new EvaluationConfig(), { RECTIFY_DEADLINE_WORKDAYS: 15 }),
    );
    return { reviews, orders, outbox, relay, useCase };
  };

  it('records a good review and announces it; no work order', async () => {
    const { reviews, orders, outbox, relay, useCase } = setup();
    const v = await useCase.execute(applicant(), { caseNo: CASE_NO, satisfaction: 5, pf: '1', comment: '' });
    expect(v).toMatchObject({ caseNo: CASE_NO, satisfaction: 5, comment: null, workOrder: null });
    expect(reviews.insert).toHaveBeenCalledWith(
      em,
      expect.objectContaining({ stage: 'COMPLETED', assessNumber: 1 }),
    );
    expect(orders.open).not.toHaveBeenCalled();
    expect(outbox.add.mock.calls.map((c) => c[1])).toEqual([TOPICS.REVIEW_SUBMITTED]);
    expect(relay.poke).toHaveBeenCalled();
  });

  it('opens a work order 15 working days out for a bad grade with a comment', async () => {
    const { outbox, useCase } = setup();
    const v = await useCase.execute(applicant(), {
      caseNo: CASE_NO,
      satisfaction: 1,
      pf: '2',
      comment: '态度差',
    });
    const cal = testWorkCalendar();
    expect(v.workOrder).toMatchObject({
      status: 'ASSIGNED',
      rectifyDueDate: cal.addWorkingDays(cal.toShanghaiDate(new Date()), 15),
    });
    expect(outbox.add.mock.calls.map((c) => c[1])).toEqual([
      TOPICS.REVIEW_SUBMITTED,
      TOPICS.BAD_REVIEW_OPENED,
    ]);
  });

  it('refuses a bad grade without a comment, an unknown case, someone else’s case and a closed window', async () => {
    await expect(
      setup().useCase.execute(applicant(), { caseNo: CASE_NO, satisfaction: 2, pf: '2', comment: '' }),
    ).rejects.toMatchObject({ code: 'COMMENT_REQUIRED' });
    const good = { caseNo: CASE_NO, satisfaction: 5, pf: '1' };
    await expect(setup(null).useCase.execute(applicant(), good)).rejects.toMatchObject({
      code: 'CASE_NOT_RATABLE',
    });
    await expect(setup().useCase.execute(applicant('other'), good)).rejects.toMatchObject({
      code: 'CASE_NOT_FOUND',
    });
    await expect(setup().useCase.execute(staff(), good)).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
    const closed = setup(ratableCase({ ratingDeadline: new Date(Date.now() - 1000) }));
    await expect(closed.useCase.execute(applicant(), good)).rejects.toMatchObject({
      code: 'CASE_NOT_RATABLE',
    });
    expect(closed.reviews.insert).not.toHaveBeenCalled();
  });

  it('answers a second rating with ALREADY_RATED', async () => {
    const { reviews, useCase } = setup();
    reviews.insert.mockRejectedValue(new DuplicateReviewError());
    await expect(
      useCase.execute(applicant(), { caseNo: CASE_NO, satisfaction: 5, pf: '1' }),
    ).rejects.toMatchObject({
      code: 'ALREADY_RATED',
    });
  });
});
