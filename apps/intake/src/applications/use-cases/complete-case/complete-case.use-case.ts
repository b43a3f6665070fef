import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseEvents } from '../../case-events';
import { canTransition, nextStatus } from '../../case-state';
import { CaseRepository, TimelineAppend, unknownCaseInEvent } from '../../repositories/case.repository';

export interface CompleteCaseCommand {
  caseNo: string;
  /** 办结结果: 0 出证办结 / 审批办结, 1 不予许可. */
  doneResult: '0' | '1';
  /** When the deciding event happened. */
  at: Date;
  /** The deciding event's own timeline entry (APPROVED, DENIED, LICENCE_ISSUED), at `at`. */
  entry: Omit<TimelineAppend, 'occurredAt'>;
  /** The issued licence, when a licence completes the case. */
  licenceId?: string;
}

/**
 * 办结 from another service's decision (approved without a licence, denied, licence issued), in the
 * event's transaction. Events may arrive out of order or again: the entry is recorded, and the case is
 * completed (with intake.case.completed) only if it is not done already.
 */
@Injectable()
export class CompleteCaseUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly events: CaseEvents,
  ) {}

  async execute(cmd: CompleteCaseCommand, em: EntityManager): Promise<void> {
    const c = await this.cases.lockCase(em, cmd.caseNo, unknownCaseInEvent);
    if (cmd.licenceId !== undefined) c.licenceId = cmd.licenceId;
    const entries: TimelineAppend[] = [{ ...cmd.entry, occurredAt: cmd.at }];
    const completes = canTransition(c.status, 'complete');
    if (completes) {
      c.status = nextStatus(c.status, 'complete');
      c.doneResult = cmd.doneResult;
      c.doneAt = cmd.at;
      entries.push({ action: 'DONE', occurredAt: cmd.at, detail: { doneResult: cmd.doneResult } });
    }
    // The licence and the completion in one save, the entries in one insert.
    if (completes || cmd.licenceId !== undefined) await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, ...entries);
    if (completes) await this.events.completed(em, c);
  }
}
