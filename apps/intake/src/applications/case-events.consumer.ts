import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { CompleteCaseUseCase } from './use-cases/complete-case/complete-case.use-case';
import { RecordApprovalProgressUseCase } from './use-cases/record-approval-progress/record-approval-progress.use-case';
import { RecordResumptionUseCase } from './use-cases/record-resumption/record-resumption.use-case';
import { RecordSuspensionUseCase } from './use-cases/record-suspension/record-suspension.use-case';

/**
 * Keeps the case and its timeline up to date from approval and certificate events: each handler only
 * translates its event into a use-case call, once per event (the inbox), in the inbox's transaction.
 */
@Controller()
export class CaseEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly progress: RecordApprovalProgressUseCase,
    private readonly complete: CompleteCaseUseCase,
    private readonly suspension: RecordSuspensionUseCase,
    private readonly resumption: RecordResumptionUseCase,
  ) {}

  @EventPattern(TOPICS.APPROVAL_CASE_OPENED)
  async onOpened(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_OPENED>): Promise<void> {
    const { caseNo, openedAt, steps, dueDate } = e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.progress.execute(
        {
          caseNo,
          progress: 'opened',
          entry: {
            action: 'APPROVAL_OPENED',
            occurredAt: new Date(openedAt),
            detail: { steps, dueDate },
            sourceEventId: e.id,
          },
        },
        em,
      ),
    );
  }

  @EventPattern(TOPICS.APPROVAL_STEP_COMPLETED)
  async onStep(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_STEP_COMPLETED>): Promise<void> {
    const { caseNo, completedAt, handledBy, stepNo, stepName, result, opinion } = e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.progress.execute(
        {
          caseNo,
          progress: 'stepCompleted',
          entry: {
            action: 'STEP_COMPLETED',
            occurredAt: new Date(completedAt),
            actor: handledBy,
            detail: { stepNo, stepName, result, opinion },
            sourceEventId: e.id,
          },
        },
        em,
      ),
    );
  }

  /** Approved: with a licence to issue the case waits for it; without one it is done now. */
  @EventPattern(TOPICS.APPROVAL_CASE_APPROVED)
  async onApproved(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_APPROVED>): Promise<void> {
    const { caseNo, approvedAt, opinion, licence } = e.payload;
    const at = new Date(approvedAt);
    const entry = { action: 'APPROVED', detail: { opinion }, sourceEventId: e.id } as const;
    await this.inbox.handleOnce(e, (em) =>
      licence
        ? this.progress.execute(
            { caseNo, progress: 'approvedAwaitingLicence', entry: { ...entry, occurredAt: at } },
            em,
          )
        : this.complete.execute({ caseNo, doneResult: '0', at, entry }, em),
    );
  }

  @EventPattern(TOPICS.APPROVAL_CASE_DENIED)
  async onDenied(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_DENIED>): Promise<void> {
    const { caseNo, deniedAt, opinion } = e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.complete.execute(
        {
          caseNo,
          doneResult: '1',
          at: new Date(deniedAt),
          entry: { action: 'DENIED', detail: { opinion }, sourceEventId: e.id },
        },
        em,
      ),
    );
  }

  @EventPattern(TOPICS.LICENCE_ISSUED)
  async onLicence(@Payload() e: InboundEvent<typeof TOPICS.LICENCE_ISSUED>): Promise<void> {
    const { caseNo, licenceId, typeName } = e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.complete.execute(
        {
          caseNo,
          doneResult: '0',
          at: new Date(e.time || Date.now()),
          licenceId,
          entry: { action: 'LICENCE_ISSUED', detail: { licenceId, typeName }, sourceEventId: e.id },
        },
        em,
      ),
    );
  }

  /** 特别程序开始: the case's clock stops. */
  @EventPattern(TOPICS.APPROVAL_CASE_SUSPENDED)
  async onSuspended(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_SUSPENDED>): Promise<void> {
    const { caseNo, procedureId, type, typeName, reason, expectedEndDate, stepNo, suspendedBy, suspendedAt } =
      e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.suspension.execute(
        {
          caseNo,
          procedure: { procedureId, type, typeName, reason, expectedEndDate },
          stepNo,
          suspendedBy,
          suspendedAt: new Date(suspendedAt),
          sourceEventId: e.id,
        },
        em,
      ),
    );
  }

  /** 特别程序结束: the clock runs again, and approval's new due date is the case's 承诺办结日期. */
  @EventPattern(TOPICS.APPROVAL_CASE_RESUMED)
  async onResumed(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_RESUMED>): Promise<void> {
    const p = e.payload;
    await this.inbox.handleOnce(e, (em) =>
      this.resumption.execute(
        {
          caseNo: p.caseNo,
          procedureId: p.procedureId,
          type: p.type,
          typeName: p.typeName,
          result: p.procedureResult,
          pausedWorkingDays: p.pausedWorkingDays,
          dueDate: p.dueDate,
          resumedBy: p.resumedBy,
          resumedAt: new Date(p.resumedAt),
          sourceEventId: e.id,
        },
        em,
      ),
    );
  }
}
