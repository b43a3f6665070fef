import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseAction, canTransition, nextStatus } from '../../case-state';
import { CaseRepository, TimelineAppend, unknownCaseInEvent } from '../../repositories/case.repository';

/** How far approval got: opened, one step decided, or approved with a licence still to issue. */
export type ApprovalProgress = 'opened' | 'stepCompleted' | 'approvedAwaitingLicence';

const TRANSITION: Record<ApprovalProgress, CaseAction | null> = {
  opened: 'approvalOpened',
  stepCompleted: null,
  approvedAwaitingLicence: 'approvedAwaitingLicence',
};

export interface RecordApprovalProgressCommand {
  caseNo: string;
  progress: ApprovalProgress;
  /** The event's timeline entry (APPROVAL_OPENED, STEP_COMPLETED, APPROVED). */
  entry: TimelineAppend;
}

/**
 * Approval's progress on the case's timeline, moving the case on where the progress changes its state,
 * in the event's transaction. A state already passed (a licence that came first, a redelivery) is kept.
 */
@Injectable()
export class RecordApprovalProgressUseCase {
  constructor(private readonly cases: CaseRepository) {}

  async execute(cmd: RecordApprovalProgressCommand, em: EntityManager): Promise<void> {
    const action = TRANSITION[cmd.progress];
    if (!action) {
      // Only a timeline entry: one statement, the case not locked.
      if (!(await this.cases.appendTimelineIfKnown(em, cmd.caseNo, cmd.entry))) {
        throw unknownCaseInEvent(cmd.caseNo);
      }
      return;
    }
    const c = await this.cases.lockCase(em, cmd.caseNo, unknownCaseInEvent);
    if (canTransition(c.status, action)) {
      c.status = nextStatus(c.status, action);
      await this.cases.save(em, c);
    }
    await this.cases.appendTimeline(em, c.caseNo, cmd.entry);
  }
}
