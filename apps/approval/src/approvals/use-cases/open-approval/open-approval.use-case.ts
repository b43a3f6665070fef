import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { ApplicationAcceptedV1, TOPICS } from '@app/shared/contracts';
import { OutboxService } from '@app/shared/kafka';
import { WorkflowDefinitionRepository } from '../../../workflows/workflow-definition.repository';
import { Clock } from '../../clock';
import {
  APPROVAL_STATUS,
  ApprovalCaseEntity,
  OwedMaterialState,
  WorkflowStep,
} from '../../entities/approval-case.entity';
import { COMMITMENT_OPINION, outstandingOwed } from '../../owed-materials';
import { AuditActor } from '../../audit-trail';
import { ApprovalCaseRepository } from '../../repositories/approval-case.repository';
import { caseSteps, IMMEDIATE_OPINION, startStep } from '../../workflow';
import { caseRef, CloseApprovalUseCase } from '../close-approval/close-approval.use-case';

export const SYSTEM_ACTOR: AuditActor = { sub: 'system', name: '系统', dept: null };

/**
 * Opens the approval case of an accepted application, inside the consumer's inbox transaction (`em`).
 * Idempotent by case number as well as by event id: the same case accepted twice opens one case.
 * The case takes the latest workflow version of its item (the default of its 办件类型 otherwise) and
 * keeps it. Step 1 starts now and is due its limit in working days later. A workflow without a manual
 * step (即办) is approved at once by the system.
 */
@Injectable()
export class OpenApprovalUseCase {
  constructor(
    private readonly cases: ApprovalCaseRepository,
    private readonly workflows: WorkflowDefinitionRepository,
    private readonly outbox: OutboxService,
    private readonly close: CloseApprovalUseCase,
    private readonly calendar: WorkCalendar,
    private readonly clock: Clock,
  ) {}

  async execute(em: EntityManager, e: ApplicationAcceptedV1): Promise<ApprovalCaseEntity | null> {
    // The lock first, alone: a statement's snapshot is taken when it starts, so reads joined to the lock's
    // statement would not see what a concurrent withdrawal or supply committed while it waited.
    await this.cases.lockCaseNo(em, e.caseNo);
    const earlier = await this.cases.beforeOpening(em, e.caseNo);
    if (earlier.withdrawn) {
      // The withdrawal overtook the acceptance (two topics): the applicant no longer wants a decision.
      return null;
    }
    const def = await this.workflows.resolve(em, e.itemCode, e.projectType);
    if (!def) {
      throw new Error(`no workflow definition for item ${e.itemCode} nor project type ${e.projectType}`);
    }
    const now = this.clock.now();
    // 告知承诺制: decided on the spot on the applicant's signed commitment (checked afterwards by intake).
    let steps: WorkflowStep[] = e.commitment ? [] : caseSteps(def.steps);
    // 容缺受理: what the case owes; supplies that overtook this acceptance are applied now.
    const owedMaterials: OwedMaterialState[] = (e.owedMaterials ?? []).map((o) => ({
      code: o.code,
      name: o.name,
      dueDate: o.dueDate,
      suppliedAt: earlier.owedSupplies.get(o.code) ?? null,
    }));
    if (steps.length > 0) {
      steps = startStep(steps, 1, this.calendar.toShanghaiDate(now), (d, n) =>
        this.calendar.addWorkingDays(d, n),
      );
    }
    const a = await this.cases.insertIfAbsent(em, {
      caseNo: e.caseNo,
      itemCode: e.itemCode,
      itemName: e.itemName,
      deptCode: e.deptCode,
      deptName: e.deptName,
      projectType: e.projectType,
      taskType: e.taskType,
      workflowId: def.id,
      workflowVersion: def.version,
      applicant: e.applicant,
      licence: e.licence ?? null,
      steps,
      currentStep: 1,
      status: APPROVAL_STATUS.OPEN,
      dueDate: e.promiseDate,
      promiseUnit: e.promiseUnit,
      openedAt: now,
      decidedAt: null,
      owedMaterials,
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
      stepDueDate: steps[0]?.dueDate ?? null,
    });
    // A stepless case (即办, 告知承诺) is approved by the system at once — unless it still owes materials:
    // then it waits for them (RecordOwedSupplyUseCase approves it when the last one arrives).
    if (steps.length === 0 && outstandingOwed(a).length === 0) {
      await this.close.execute(em, a, {
        decision: 'approve',
        opinion: e.commitment ? COMMITMENT_OPINION : IMMEDIATE_OPINION,
        actor: SYSTEM_ACTOR,
        at: now,
      });
    }
    return a;
  }
}
