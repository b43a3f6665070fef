import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { procedureStopsClock } from '../../case-clock';
import { CaseWatchEvents } from '../../case-watch-events';
import { SpecialProcedureStart } from '../../entities/case-pause.entity';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository, unknownCaseInEvent } from '../../repositories/case.repository';

export interface RecordSuspensionCommand {
  caseNo: string;
  procedure: SpecialProcedureStart;
  /** The approval step that was current. */
  stepNo: number;
  suspendedBy: string;
  suspendedAt: Date;
  /** The approval.case.suspended event behind it. */
  sourceEventId?: string;
}

/**
 * 特别程序开始 (approval.case.suspended): the case's clock stops — a SPECIAL_PROCEDURE pause opens — and
 * the timeline says which procedure, why and until when, and intake.case.clock-suspended tells approval
 * and supervision, in the event's transaction. A case done already
 * (or one whose clock stands still for another reason) only gets the entry. Once per procedure.
 */
@Injectable()
export class RecordSuspensionUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly watch: CaseWatchEvents,
  ) {}

  async execute(cmd: RecordSuspensionCommand, em: EntityManager): Promise<void> {
    const c = await this.cases.lockCase(em, cmd.caseNo, unknownCaseInEvent);
    const { procedure: p } = cmd;
    if (await this.life.procedurePause(em, c.caseNo, p.procedureId)) return;
    const clockStopped = procedureStopsClock(c);
    if (clockStopped) {
      await this.life.startProcedurePause(em, c.caseNo, p, cmd.suspendedAt);
      c.pausedAt = cmd.suspendedAt;
      await this.cases.save(em, c);
    }
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'SPECIAL_PROCEDURE_STARTED',
      occurredAt: cmd.suspendedAt,
      actor: cmd.suspendedBy,
      detail: {
        procedureId: p.procedureId,
        type: p.type,
        typeName: p.typeName,
        reason: p.reason,
        expectedEndDate: p.expectedEndDate,
        stepNo: cmd.stepNo,
        clockStopped,
      },
      sourceEventId: cmd.sourceEventId,
    });
    if (clockStopped) {
      const pause = { reason: 'SPECIAL_PROCEDURE' as const, ref: p.procedureId, startedAt: cmd.suspendedAt };
      await this.watch.clockSuspended(em, c, pause);
    }
  }
}
