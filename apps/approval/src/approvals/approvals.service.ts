import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page } from '@app/shared/database';
import { DecisionDto, ListApprovalsQuery } from './dto/approvals.dto';
import { Principal, ROLES } from '@app/shared/auth';
import { ApplicationAcceptedV1, TOPICS } from '@app/shared/contracts';
import { paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { APPROVAL_STATUS, ApprovalCaseEntity } from './entities/approval-case.entity';
import { ApprovalAuditEntity } from './entities/audit.entity';
import { applyDecision, IMMEDIATE_OPINION, workflowFor } from './workflow';

const SYSTEM = { sub: 'system', name: '系统', dept: null };
/** Audit actions of a person deciding a step (who decided which step of a case). */
const STEP_ACTIONS = ['STEP_APPROVED', 'STEP_DENIED'];

export function toApprovalView(a: ApprovalCaseEntity, audit?: ApprovalAuditEntity[]) {
  return {
    approvalId: a.id,
    caseNo: a.caseNo,
    item: { code: a.itemCode, name: a.itemName, projectType: a.projectType },
    department: { code: a.deptCode, name: a.deptName },
    applicant: { userProp: a.applicant.userProp, name: a.applicant.name, certNo: a.applicant.certMasked },
    status: a.status,
    steps: a.steps.map((s, i) => ({
      ...s,
      stepNo: i + 1,
      state:
        i + 1 < a.currentStep || a.status !== 'OPEN'
          ? 'DONE'
          : i + 1 === a.currentStep
            ? 'CURRENT'
            : 'PENDING',
    })),
    currentStep: a.status === APPROVAL_STATUS.OPEN ? a.currentStep : null,
    dueDate: a.dueDate,
    openedAt: a.openedAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    licence: a.licence ? { typeCode: a.licence.typeCode, typeName: a.licence.typeName } : null,
    audit: audit?.map((r) => ({
      action: r.action,
      stepNo: r.stepNo,
      actor: r.actorName ?? r.actorSub,
      dept: r.actorDept,
      opinion: r.opinion,
      at: r.at.toISOString(),
    })),
  };
}

@Injectable()
export class ApprovalsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
  ) {}

  private ref(a: ApprovalCaseEntity) {
    return {
      caseNo: a.caseNo,
      itemCode: a.itemCode,
      itemName: a.itemName,
      deptCode: a.deptCode,
      deptName: a.deptName,
    };
  }

  private async audit(
    em: EntityManager,
    a: ApprovalCaseEntity,
    action: string,
    stepNo: number | null,
    who: { sub: string; name?: string | null; dept?: string | null },
    opinion: string | null,
    at: Date,
  ) {
    await em.insert(ApprovalAuditEntity, {
      approvalId: a.id,
      caseNo: a.caseNo,
      action,
      stepNo,
      actorSub: who.sub,
      actorName: who.name ?? null,
      actorDept: who.dept ?? null,
      opinion,
      at,
    });
  }

  /** Opens the approval case of an accepted application (called inside the consumer's transaction). */
  async open(em: EntityManager, e: ApplicationAcceptedV1): Promise<ApprovalCaseEntity | null> {
    const steps = workflowFor(e.projectType);
    const now = new Date();
    const inserted = (await em
      .createQueryBuilder()
      .insert()
      .into(ApprovalCaseEntity)
      .values({
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
      })
      .orIgnore()
      .returning('id')
      .execute()) as { raw: Array<{ id: string }> };
    // The business key holds even if the same case is accepted twice under two event ids.
    if (inserted.raw.length === 0) return null;
    const a = await em.findOneByOrFail(ApprovalCaseEntity, { id: inserted.raw[0].id });
    await this.audit(em, a, 'OPENED', null, SYSTEM, null, now);
    await this.outbox.add(em, TOPICS.APPROVAL_CASE_OPENED, a.caseNo, {
      ...this.ref(a),
      approvalId: a.id,
      steps: steps.map((s) => s.name),
      dueDate: a.dueDate,
      openedAt: now.toISOString(),
    });
    if (e.projectType === '1') await this.finish(em, a, 'approve', IMMEDIATE_OPINION, SYSTEM, now);
    return a;
  }

  private async finish(
    em: EntityManager,
    a: ApprovalCaseEntity,
    decision: 'approve' | 'deny',
    opinion: string,
    who: { sub: string; name?: string | null; dept?: string | null },
    at: Date,
  ) {
    a.status = decision === 'approve' ? APPROVAL_STATUS.APPROVED : APPROVAL_STATUS.DENIED;
    a.decidedAt = at;
    await em.save(a);
    await this.audit(em, a, decision === 'approve' ? 'APPROVED' : 'DENIED', null, who, opinion, at);
    if (decision === 'approve') {
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_APPROVED, a.caseNo, {
        ...this.ref(a),
        approvalId: a.id,
        applicant: a.applicant,
        licence: a.licence,
        opinion,
        approvedAt: at.toISOString(),
      });
    } else {
      await this.outbox.add(em, TOPICS.APPROVAL_CASE_DENIED, a.caseNo, {
        ...this.ref(a),
        approvalId: a.id,
        opinion,
        deniedAt: at.toISOString(),
      });
    }
  }

  /**
   * The approver of the case's department handles the current step, named in `dto.stepNo`.
   * The row lock serialises concurrent decisions: the second one finds the step already decided and gets
   * STEP_MISMATCH. Nobody decides two steps of the same case (SEPARATION_OF_DUTIES, from the audit trail).
   * Before the last step a deny is recorded as 不同意 and the case moves on; only the last step decides.
   */
  async decide(user: Principal, caseNo: string, dto: DecisionDto) {
    const result = await this.db.transaction(async (em) => {
      const a = await em.findOne(ApprovalCaseEntity, {
        where: { caseNo },
        lock: { mode: 'pessimistic_write' },
      });
      if (!a) throw new DomainError('APPROVAL_NOT_FOUND', undefined, { caseNo });
      if (user.dept !== a.deptCode) {
        throw new DomainError('FORBIDDEN', '非本部门审批案件 / Case belongs to another department', {
          deptCode: a.deptCode,
        });
      }
      if (a.status !== APPROVAL_STATUS.OPEN) {
        throw new DomainError('INVALID_STATE', undefined, {
          status: a.status,
          expected: APPROVAL_STATUS.OPEN,
        });
      }
      if (dto.stepNo !== a.currentStep) {
        throw new DomainError('STEP_MISMATCH', undefined, {
          currentStepNo: a.currentStep,
          stepNo: dto.stepNo,
        });
      }
      const earlier = await em.findOne(ApprovalAuditEntity, {
        where: { caseNo: a.caseNo, actorSub: user.sub, action: In(STEP_ACTIONS) },
        order: { id: 'ASC' },
      });
      if (earlier) {
        throw new DomainError('SEPARATION_OF_DUTIES', undefined, {
          stepNo: dto.stepNo,
          decidedStepNo: earlier.stepNo,
        });
      }
      const now = new Date();
      const outcome = applyDecision(a.steps, a.currentStep, a.status, dto.decision);
      const { stepNo, step } = outcome;
      const who = { sub: user.sub, name: user.name ?? null, dept: user.dept ?? null };
      await this.audit(
        em,
        a,
        outcome.result === '1' ? 'STEP_APPROVED' : 'STEP_DENIED',
        stepNo,
        who,
        dto.opinion,
        now,
      );
      await this.outbox.add(em, TOPICS.APPROVAL_STEP_COMPLETED, a.caseNo, {
        ...this.ref(a),
        approvalId: a.id,
        stepNo,
        stepCode: step.code,
        stepName: step.name,
        result: outcome.result,
        opinion: dto.opinion,
        handledBy: user.name ?? user.sub,
        completedAt: now.toISOString(),
      });
      if (outcome.status !== APPROVAL_STATUS.OPEN) {
        await this.finish(em, a, dto.decision, dto.opinion, who, now);
      } else {
        a.currentStep = outcome.nextStep;
        await em.save(a);
      }
      return a;
    });
    this.relay.poke();
    return this.get(user, result.caseNo);
  }

  async get(user: Principal, caseNo: string) {
    const a = await this.db.getRepository(ApprovalCaseEntity).findOne({ where: { caseNo } });
    if (!a) throw new DomainError('APPROVAL_NOT_FOUND', undefined, { caseNo });
    if (!user.roles.includes(ROLES.ADMIN) && user.dept !== a.deptCode) {
      throw new DomainError('FORBIDDEN', '非本部门审批案件 / Case belongs to another department', {
        deptCode: a.deptCode,
      });
    }
    const audit = await this.db
      .getRepository(ApprovalAuditEntity)
      .find({ where: { caseNo }, order: { id: 'ASC' } });
    return toApprovalView(a, audit);
  }

  async list(user: Principal, q: ListApprovalsQuery): Promise<Page<ReturnType<typeof toApprovalView>>> {
    const qb = this.db.getRepository(ApprovalCaseEntity).createQueryBuilder('a');
    if (!user.roles.includes(ROLES.ADMIN)) qb.where('a.dept_code = :dept', { dept: user.dept ?? '-' });
    if (q.status) qb.andWhere('a.status = :status', { status: q.status });
    return paginate(qb, q, { by: 'a.opened_at', direction: 'DESC' }, (a) => toApprovalView(a));
  }
}
