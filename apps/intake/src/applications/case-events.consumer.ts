import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService, NonRetryableError } from '@app/shared/kafka';
import { ApplicationsService } from './applications.service';
import { CaseEntity } from './entities/case.entity';
import { canTransition, nextStatus } from './case-state';
import { addTimeline } from './timeline';

/** Keeps the case and its timeline up to date from approval and certificate events (idempotently). */
@Controller()
export class CaseEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly apps: ApplicationsService,
  ) {}

  private async lockCase(em: EntityManager, caseNo: string): Promise<CaseEntity> {
    const c = await em.findOne(CaseEntity, { where: { caseNo }, lock: { mode: 'pessimistic_write' } });
    // An event about a case this service never had cannot be fixed by retrying.
    if (!c) throw new NonRetryableError(`unknown case ${caseNo}`, 'UNKNOWN_CASE');
    return c;
  }

  private async complete(em: EntityManager, c: CaseEntity, doneResult: string, at: Date): Promise<void> {
    if (!canTransition(c.status, 'complete')) return; // already done (redelivery or out-of-order)
    c.status = nextStatus(c.status, 'complete');
    c.doneResult = doneResult;
    c.doneAt = at;
    await em.save(c);
    await addTimeline(em, c.caseNo, 'DONE', at, { detail: { doneResult } });
    await this.apps.emitCompleted(em, c);
  }

  @EventPattern(TOPICS.APPROVAL_CASE_OPENED)
  async onOpened(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_OPENED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      const c = await this.lockCase(em, e.payload.caseNo);
      if (canTransition(c.status, 'approvalOpened')) {
        c.status = nextStatus(c.status, 'approvalOpened');
        await em.save(c);
      }
      await addTimeline(em, c.caseNo, 'APPROVAL_OPENED', new Date(e.payload.openedAt), {
        detail: { steps: e.payload.steps, dueDate: e.payload.dueDate },
        sourceEventId: e.id,
      });
    });
  }

  @EventPattern(TOPICS.APPROVAL_STEP_COMPLETED)
  async onStep(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_STEP_COMPLETED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      const c = await this.lockCase(em, e.payload.caseNo);
      await addTimeline(em, c.caseNo, 'STEP_COMPLETED', new Date(e.payload.completedAt), {
        actor: e.payload.handledBy,
        detail: {
          stepNo: e.payload.stepNo,
          stepName: e.payload.stepName,
          result: e.payload.result,
          opinion: e.payload.opinion,
        },
        sourceEventId: e.id,
      });
    });
  }

  @EventPattern(TOPICS.APPROVAL_CASE_APPROVED)
  async onApproved(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_APPROVED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      const c = await this.lockCase(em, e.payload.caseNo);
      const at = new Date(e.payload.approvedAt);
      await addTimeline(em, c.caseNo, 'APPROVED', at, {
        detail: { opinion: e.payload.opinion },
        sourceEventId: e.id,
      });
      if (e.payload.licence) {
        // A licence event that came first has already completed the case.
        if (!canTransition(c.status, 'approvedAwaitingLicence')) return;
        c.status = nextStatus(c.status, 'approvedAwaitingLicence');
        await em.save(c);
      } else {
        await this.complete(em, c, '0', at);
      }
    });
  }

  @EventPattern(TOPICS.APPROVAL_CASE_DENIED)
  async onDenied(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_DENIED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      const c = await this.lockCase(em, e.payload.caseNo);
      const at = new Date(e.payload.deniedAt);
      await addTimeline(em, c.caseNo, 'DENIED', at, {
        detail: { opinion: e.payload.opinion },
        sourceEventId: e.id,
      });
      await this.complete(em, c, '1', at);
    });
  }

  @EventPattern(TOPICS.LICENCE_ISSUED)
  async onLicence(@Payload() e: InboundEvent<typeof TOPICS.LICENCE_ISSUED>): Promise<void> {
    await this.inbox.handleOnce(e, async (em) => {
      const c = await this.lockCase(em, e.payload.caseNo);
      const at = new Date(e.time || Date.now());
      c.licenceId = e.payload.licenceId;
      await em.save(c);
      await addTimeline(em, c.caseNo, 'LICENCE_ISSUED', at, {
        detail: { licenceId: e.payload.licenceId, typeName: e.payload.typeName },
        sourceEventId: e.id,
      });
      await this.complete(em, c, '0', at);
    });
  }
}
