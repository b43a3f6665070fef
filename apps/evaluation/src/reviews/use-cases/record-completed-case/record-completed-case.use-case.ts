import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseCompletedV1 } from '@app/shared/contracts';
import { EvaluationConfig } from '../../../config/evaluation.config';
import { RatableCaseRepository } from '../../repositories/ratable-case.repository';

const DAY_MS = 86_400_000;

/**
 * A completed case becomes ratable by its applicant for RATING_WINDOW_DAYS natural days. Runs inside the
 * consumer's inbox transaction (`em`); idempotent by case number as well as by event id.
 */
@Injectable()
export class RecordCompletedCaseUseCase {
  constructor(
    private readonly cases: RatableCaseRepository,
    private readonly config: EvaluationConfig,
  ) {}

  async execute(em: EntityManager, e: CaseCompletedV1): Promise<void> {
    const completedAt = new Date(e.completedAt);
    await this.cases.insertIfAbsent(em, {
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      itemName: e.itemName,
      deptCode: e.deptCode,
      deptName: e.deptName,
      applicantSub: e.applicantSub,
      projectType: e.projectType,
      doneResult: e.doneResult,
      completedAt,
      ratingDeadline: new Date(completedAt.getTime() + this.config.RATING_WINDOW_DAYS * DAY_MS),
    });
  }
}
