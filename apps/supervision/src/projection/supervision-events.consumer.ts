import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS } from '@app/shared/contracts';
import { InboundEvent, InboxService } from '@app/shared/kafka';
import { ProjectApprovalEventUseCase } from './use-cases/project-event/project-approval-event.use-case';
import { ProjectBundleEventUseCase } from './use-cases/project-event/project-bundle-event.use-case';
import { ProjectIntakeEventUseCase } from './use-cases/project-event/project-intake-event.use-case';
import { ProjectOutcomeEventUseCase } from './use-cases/project-event/project-outcome-event.use-case';

/**
 * Every domain event that carries a clock or a number, into the supervision read model: each handler only
 * hands its event to a use case, once per event id (the inbox), in the inbox's transaction.
 */
@Controller()
export class IntakeEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly project: ProjectIntakeEventUseCase,
  ) {}

  @EventPattern(TOPICS.APPLICATION_SUBMITTED)
  async onSubmitted(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_SUBMITTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_SUPPLEMENT_REQUESTED)
  async onSupplementRequested(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_SUPPLEMENT_REQUESTED>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_SUPPLEMENTED)
  async onSupplemented(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_SUPPLEMENTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_ACCEPTED)
  async onAccepted(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_ACCEPTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_NOT_ACCEPTED)
  async onNotAccepted(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_NOT_ACCEPTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_WITHDRAWN)
  async onWithdrawn(@Payload() e: InboundEvent<typeof TOPICS.APPLICATION_WITHDRAWN>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_REFUSAL_PROPOSED)
  async onRefusalProposed(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_REFUSAL_PROPOSED>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED)
  async onOwedSupplied(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_OWED_MATERIALS_SUPPLIED>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE)
  async onOwedOverdue(
    @Payload() e: InboundEvent<typeof TOPICS.APPLICATION_OWED_MATERIALS_OVERDUE>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.CASE_POST_CHECK_DUE)
  async onPostCheckDue(@Payload() e: InboundEvent<typeof TOPICS.CASE_POST_CHECK_DUE>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.CASE_POST_CHECK_FAILED)
  async onPostCheckFailed(@Payload() e: InboundEvent<typeof TOPICS.CASE_POST_CHECK_FAILED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.CASE_COMPLETED)
  async onCompleted(@Payload() e: InboundEvent<typeof TOPICS.CASE_COMPLETED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }
}

@Controller()
export class ApprovalEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly project: ProjectApprovalEventUseCase,
  ) {}

  @EventPattern(TOPICS.APPROVAL_CASE_OPENED)
  async onOpened(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_OPENED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_STEP_COMPLETED)
  async onStepCompleted(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_STEP_COMPLETED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_STEP_RETURNED)
  async onStepReturned(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_STEP_RETURNED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_CASE_SUSPENDED)
  async onSuspended(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_SUSPENDED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_CASE_RESUMED)
  async onResumed(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_RESUMED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_CASE_APPROVED)
  async onApproved(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_APPROVED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.APPROVAL_CASE_DENIED)
  async onDenied(@Payload() e: InboundEvent<typeof TOPICS.APPROVAL_CASE_DENIED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }
}

@Controller()
export class OutcomeEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly project: ProjectOutcomeEventUseCase,
  ) {}

  @EventPattern(TOPICS.LICENCE_ISSUED)
  async onLicence(@Payload() e: InboundEvent<typeof TOPICS.LICENCE_ISSUED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.REVIEW_SUBMITTED)
  async onReview(@Payload() e: InboundEvent<typeof TOPICS.REVIEW_SUBMITTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BAD_REVIEW_OPENED)
  async onBadReview(@Payload() e: InboundEvent<typeof TOPICS.BAD_REVIEW_OPENED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BAD_REVIEW_RECTIFIED)
  async onRectified(@Payload() e: InboundEvent<typeof TOPICS.BAD_REVIEW_RECTIFIED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BAD_REVIEW_CLOSED)
  async onClosed(@Payload() e: InboundEvent<typeof TOPICS.BAD_REVIEW_CLOSED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }
}

@Controller()
export class BundleEventsConsumer {
  constructor(
    private readonly inbox: InboxService,
    private readonly project: ProjectBundleEventUseCase,
  ) {}

  @EventPattern(TOPICS.BUNDLE_SUBMITTED)
  async onSubmitted(@Payload() e: InboundEvent<typeof TOPICS.BUNDLE_SUBMITTED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BUNDLE_COMPLETED)
  async onCompleted(@Payload() e: InboundEvent<typeof TOPICS.BUNDLE_COMPLETED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BUNDLE_PARTIALLY_COMPLETED)
  async onPartiallyCompleted(
    @Payload() e: InboundEvent<typeof TOPICS.BUNDLE_PARTIALLY_COMPLETED>,
  ): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BUNDLE_FAILED)
  async onFailed(@Payload() e: InboundEvent<typeof TOPICS.BUNDLE_FAILED>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }

  @EventPattern(TOPICS.BUNDLE_WITHDRAWN)
  async onWithdrawn(@Payload() e: InboundEvent<typeof TOPICS.BUNDLE_WITHDRAWN>): Promise<void> {
    await this.inbox.handleOnce(e, (em) => this.project.execute(em, e));
  }
}
