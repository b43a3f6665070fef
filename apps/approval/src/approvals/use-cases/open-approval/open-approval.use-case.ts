import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PROJECT_TYPES } from '@app/shared/codes';
import { ApplicationAcceptedV1, TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { APPROVAL_STATUS, ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { ApprovalCaseRepository, AuditActor } from '../../repositories/approval-case.repository';
import { IMMEDIATE_OPINION, workflowFor } from '../../workflow';
import { caseRef, CloseApprovalUseCase } from '../close-approval/close-approval.use-case';

export const SYSTEM_ACTOR: AuditActor = { sub: 'system', name: '系统', dept: null };

/**
 * Opens the approval case of an accepted application, inside the consumer's inbox transaction (`em`).
 * Idempotent by case number as well as by event id: the same case accepted twice opens one case.
 * A 即办件 is approved at once by the system.
 */
@Injectable()
export class OpenApprovalUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly outbox: OutboxService,
    private readonly close: CloseApprovalUseCase,
  ) {}

  async execute(em: EntityManager, e: ApplicationAcceptedV1): Promise<ApprovalCaseEntity | null> {
    const steps = workflowFor(e.projectType);
    const now = new Date();
    const a = await this.cases.insertIfAbsent(em, {
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      itemName: e.itemName,
      deptCode: e.deptCode,
      deptName: e.deptName,
      projectType: e.projectType,
      applicant: e.applicant,
      licence: e.licence ?? null,
      steps,
      currentStep: 1,
      status: APPROVAL_STATUS.OPEN,
      dueDate: e.promiseDate,
      openedAt: now,
      decidedAt: null,
    });
    if (!a) return null;
    await this.cases.appendAudit(em, a, {
      action: 'OPENED',
      stepNo: null,
      actor: SYSTEM_ACTOR,
      opinion: null,
      at: now,
    });
    await this.outbox.add(em, TOPICS.APPROVAL_CASE_OPENED, a.caseNo, {
      ...caseRef(a),
      approvalId: a.id,
      steps: steps.map((s) => s.name),
      dueDate: a.dueDate,
      openedAt: now.toISOString(),
    });
    if (e.projectType === PROJECT_TYPES.IMMEDIATE) {
      await this.close.execute(em, a, {
        decision: 'approve',
        opinion: IMMEDIATE_OPINION,
        actor: SYSTEM_ACTOR,
        at: now,
      });
    }
    return a;
  }
}
