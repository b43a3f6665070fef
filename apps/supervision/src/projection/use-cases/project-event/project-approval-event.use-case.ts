import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { TOPICS } from '@app/shared/contracts';
import { AnyInbound } from '../../inbound';
import { ClockRepository } from '../../repositories/clock.repository';
import { SupervisedCaseRepository } from '../../repositories/supervised-case.repository';
import { flagIfReopened } from './reopened';

export type ApprovalTopic =
  | typeof TOPICS.APPROVAL_CASE_OPENED
  | typeof TOPICS.APPROVAL_STEP_COMPLETED
  | typeof TOPICS.APPROVAL_STEP_RETURNED
  | typeof TOPICS.APPROVAL_CASE_SUSPENDED
  | typeof TOPICS.APPROVAL_CASE_RESUMED
  | typeof TOPICS.APPROVAL_CASE_APPROVED
  | typeof TOPICS.APPROVAL_CASE_DENIED;

const stepLabel = (name: string) => `审批环节时限 ${name}`;

/**
 * Projects approval's events: the steps' clocks (known from a 退回 or a resumption, which carry a step's
 * due date), the 特别程序 clocks and the pauses they put on the case's promise and on the current step, the
 * decision, and the patterns to flag (退回, a changed workflow or an added step on a case in flight).
 */
@Injectable()
export class ProjectApprovalEventUseCase {
  constructor(
    private readonly cases: SupervisedCaseRepository,
    private readonly clocks: ClockRepository,
    private readonly calendar: WorkCalendar,
  ) {}

  async execute(em: EntityManager, e: AnyInbound<ApprovalTopic>): Promise<void> {
    switch (e.topic) {
      case TOPICS.APPROVAL_CASE_OPENED: {
        const p = e.payload;
        const openedAt = new Date(p.openedAt);
        const before = await this.cases.apply(
          em,
          p,
          { approvalId: p.approvalId, approvalSteps: p.steps, approvalOpenedAt: openedAt },
          { approvalsOpened: 1 },
        );
        const changed =
          (before?.approvalId && before.approvalId !== p.approvalId) ||
          (before?.approvalSteps && before.approvalSteps.join('|') !== p.steps.join('|'));
        if (changed) {
          await this.cases.flag(em, {
            caseNo: p.caseNo,
            deptCode: p.deptCode,
            kind: 'WORKFLOW_CHANGED',
            detail: {
              previousApprovalId: before?.approvalId ?? null,
              previousSteps: before?.approvalSteps ?? null,
              approvalId: p.approvalId,
              steps: p.steps,
            },
            occurredAt: openedAt,
            sourceEventId: e.id,
          });
        }
        await flagIfReopened(this.cases, em, e.id, before, p, openedAt, 'APPROVAL_OPENED');
        if (p.stepDueDate && p.steps.length > 0) {
          await this.clocks.open(
            em,
            {
              caseNo: p.caseNo,
              kind: 'APPROVAL_STEP',
              ref: '1',
              label: stepLabel(p.steps[0]),
              deptCode: p.deptCode,
              itemCode: p.itemCode,
              dueDate: p.stepDueDate,
              openedAt,
            },
            { reopen: true },
          );
        }
        return;
      }
      case TOPICS.APPROVAL_STEP_COMPLETED: {
        const p = e.payload;
        const at = new Date(p.completedAt);
        const before = await this.cases.apply(em, p);
        const steps = before?.approvalSteps;
        if (steps && p.stepNo > steps.length) {
          await this.cases.flag(em, {
            caseNo: p.caseNo,
            deptCode: p.deptCode,
            kind: 'STEP_ADDED',
            detail: { stepNo: p.stepNo, stepName: p.stepName, steps },
            occurredAt: at,
            sourceEventId: e.id,
          });
        }
        await flagIfReopened(this.cases, em, e.id, before, p, at, 'STEP_COMPLETED');
        const next =
          p.nextStepNo && p.nextStepDueDate
            ? {
                stepNo: p.nextStepNo,
                name: p.nextStepName ?? `第${p.nextStepNo}步`,
                dueDate: p.nextStepDueDate,
              }
            : null;
        await this.handOver(em, p, at, { stepNo: p.stepNo, reason: 'STEP_COMPLETED' }, next);
        return;
      }
      case TOPICS.APPROVAL_STEP_RETURNED: {
        const p = e.payload;
        const at = new Date(p.returnedAt);
        const before = await this.cases.apply(em, p);
        await this.cases.flag(em, {
          caseNo: p.caseNo,
          deptCode: p.deptCode,
          kind: 'STEP_RETURNED',
          detail: {
            fromStepNo: p.fromStepNo,
            toStepNo: p.toStepNo,
            toStepName: p.toStepName,
            reason: p.reason,
          },
          occurredAt: at,
          sourceEventId: e.id,
        });
        await flagIfReopened(this.cases, em, e.id, before, p, at, 'STEP_RETURNED');
        const to = p.stepDueDate ? { stepNo: p.toStepNo, name: p.toStepName, dueDate: p.stepDueDate } : null;
        await this.handOver(em, p, at, { stepNo: p.fromStepNo, reason: 'RETURNED' }, to);
        return;
      }
      case TOPICS.APPROVAL_CASE_SUSPENDED: {
        const p = e.payload;
        const at = new Date(p.suspendedAt);
        await this.cases.apply(em, p);
        // A resumption that overtook this event already closed the procedure: then nothing pauses.
        const started = await this.clocks.openIfAbsent(em, {
          caseNo: p.caseNo,
          kind: 'SPECIAL_PROCEDURE',
          ref: p.procedureId,
          label: `特别程序 ${p.typeName}`,
          deptCode: p.deptCode,
          itemCode: p.itemCode,
          dueDate: p.expectedEndDate,
          openedAt: at,
        });
        if (started) {
          await this.clocks.pause(
            em,
            p.caseNo,
            ['CASE_PROMISE', 'APPROVAL_STEP'],
            this.calendar.toShanghaiDate(at),
          );
        }
        return;
      }
      case TOPICS.APPROVAL_CASE_RESUMED: {
        const p = e.payload;
        const at = new Date(p.resumedAt);
        await this.cases.apply(em, p, {}, { specialPausedDays: p.pausedWorkingDays });
        await this.clocks.openIfAbsent(em, {
          caseNo: p.caseNo,
          kind: 'SPECIAL_PROCEDURE',
          ref: p.procedureId,
          label: `特别程序 ${p.typeName}`,
          deptCode: p.deptCode,
          itemCode: p.itemCode,
          dueDate: p.expectedEndDate,
          openedAt: at,
        });
        await this.clocks.close(em, p.caseNo, ['SPECIAL_PROCEDURE'], at, 'RESUMED', [p.procedureId]);
        // The promise date approval computed after the pause, in the case's own unit (intake adopts the same).
        const promise = await this.clocks.lock(em, p.caseNo, 'CASE_PROMISE', '');
        if (promise) await this.clocks.moveDue(em, p.caseNo, 'CASE_PROMISE', '', p.dueDate);
        if (p.stepDueDate) {
          await this.clocks.open(
            em,
            {
              caseNo: p.caseNo,
              kind: 'APPROVAL_STEP',
              ref: String(p.stepNo),
              label: stepLabel(`第${p.stepNo}步`),
              deptCode: p.deptCode,
              itemCode: p.itemCode,
              dueDate: p.stepDueDate,
              openedAt: at,
            },
            {},
          );
        }
        await this.clocks.unpause(em, p.caseNo, ['CASE_PROMISE', 'APPROVAL_STEP']);
        return;
      }
      case TOPICS.APPROVAL_CASE_APPROVED:
      case TOPICS.APPROVAL_CASE_DENIED: {
        const p = e.payload;
        const approved = e.topic === TOPICS.APPROVAL_CASE_APPROVED;
        const at = new Date(
          e.topic === TOPICS.APPROVAL_CASE_APPROVED ? e.payload.approvedAt : e.payload.deniedAt,
        );
        await this.cases.apply(em, p, { decision: approved ? 'APPROVED' : 'DENIED', decidedAt: at });
        await this.clocks.close(em, p.caseNo, ['APPROVAL_STEP', 'SPECIAL_PROCEDURE'], at, 'DECIDED');
        return;
      }
    }
  }

  /** Closes the clock of the step left and, when the case goes to a step with a limit, opens that one's. */
  private async handOver(
    em: EntityManager,
    c: { caseNo: string; deptCode: string; itemCode: string | null },
    at: Date,
    from: { stepNo: number; reason: string },
    to: { stepNo: number; name: string; dueDate: string } | null,
  ): Promise<void> {
    const left = { kind: 'APPROVAL_STEP', ref: String(from.stepNo), at, reason: from.reason } as const;
    if (!to) return this.clocks.close(em, c.caseNo, [left.kind], at, left.reason, [left.ref]);
    await this.clocks.closeThenOpen(em, left, {
      caseNo: c.caseNo,
      kind: 'APPROVAL_STEP',
      ref: String(to.stepNo),
      label: stepLabel(to.name),
      deptCode: c.deptCode,
      itemCode: c.itemCode,
      dueDate: to.dueDate,
      openedAt: at,
    });
  }
}
