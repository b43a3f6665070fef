import type { EntityManager } from 'typeorm';
import type { CaseCompletedV1 } from '@app/shared/contracts';
import { EvaluationConfig } from '../../../config/evaluation.config';
import type { RatableCaseRepository } from '../../repositories/ratable-case.repository';
import { CASE_NO, DEPT } from '../../testing/review.fixtures';
import { RecordCompletedCaseUseCase } from './record-completed-case.use-case';

describe('RecordCompletedCaseUseCase', () => {
  it('makes the case ratable by its applicant for RATING_WINDOW_DAYS natural days', async () => {
    const cases = { insertIfAbsent: jest.fn().mockResolvedValue(undefined) };
    const config = Object.assign(new EvaluationConfig(), { RATING_WINDOW_DAYS: 7 });
    const useCase = new RecordCompletedCaseUseCase(cases as unknown as RatableCaseRepository, config);
    const em = {} as EntityManager;
    await useCase.execute(em, {
      caseNo: CASE_NO,
      itemCode: `${DEPT}000111203000001`,
      itemName: '食品经营许可',
      deptCode: DEPT,
      deptName: '杭州市市场监督管理局',
      doneResult: '0',
      completedAt: '2026-11-24T02:00:00.000Z',
      applicantSub: 'citizen-1',
      projectType: '2',
    } as CaseCompletedV1);
    expect(cases.insertIfAbsent).toHaveBeenCalledWith(
      em,
      expect.objectContaining({
        caseNo: CASE_NO,
        applicantSub: 'citizen-1',
        completedAt: new Date('2026-11-24T02:00:00.000Z'),
        ratingDeadline: new Date('2026-12-01T02:00:00.000Z'),
      }),
    );
  });
});
