import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { ApprovalAuditEntity } from '../../entities/audit.entity';
import { APPROVAL_STATUS, ApprovalCaseEntity } from '../../entities/approval-case.entity';
import { AuditActor } from '../../audit-trail';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { Decision } from '../../workflow';

/** The case reference every approval event carries. */
export function caseRef(a: ApprovalCaseEntity) {
  return {
    caseNo: a.caseNo,
    itemCode: a.itemCode,
    itemName: a.itemName,
    deptCode: a.deptCode,
    deptName: a.deptName,
  };
}

export interface CloseApprovalCommand {
  decision: Decision;
  opinion: string;
  actor: AuditActor;
  at: Date;
  /** The 首席代表 authorisation of a chief decision. */
  authorisationId?: string | null;
  /** The cross-department delegation the decider acted under. */
  delegationId?: string | null;
}

/**
 * Closes an open case with the deciding step's outcome: approve → APPROVED (准予许可, carries the licence
 * to issue), deny → DENIED (不予许可). Runs inside the caller's transaction (opening a 即办件, or the last
 * step of a decision).
 */
@Injectable()
export class CloseApprovalUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly outbox: OutboxService,
  ) {}

  /** Returns the audit entry of the closing (APPROVED / DENIED). */
  async execute(
    em: EntityManager,
    a: ApprovalCaseEntity,
    cmd: CloseApprovalCommand,
  ): Promise<ApprovalAuditEntity> {
    const approved = cmd.decision === 'approve';
    a.status = approved ? APPROVAL_STATUS.APPROVED : APPROVAL_STATUS.DENIED;
    a.decidedAt = cmd.at;
    await this.cases.save(em, a);
    const entry = await this.cases.appendAudit(em, a, {
      action: approved ? 'APPROVED' : 'DENIED',
      stepNo: null,
      actor: cmd.actor,
      opinion: cmd.opinion,
      at: cmd.at,
      authorisationId: cmd.authorisationId ?? null,
      delegationId: cmd.delegationId ?? null,
    });
    if (approved) {
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_APPROVED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        applicant: a.applicant,
        licence: a.licence,
        opinion: cmd.opinion,
        approvedAt: cmd.at.toISOString(),
      });
    } else {
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_DENIED, a.caseNo, {
        ...caseRef(a),
        approvalId: a.id,
        opinion: cmd.opinion,
        deniedAt: cmd.at.toISOString(),
      });
    }
    return entry;
  }
}
