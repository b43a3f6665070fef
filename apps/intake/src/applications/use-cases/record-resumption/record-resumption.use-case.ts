import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CaseWatchEvents } from '../../case-watch-events';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository, unknownCaseInEvent } from '../../repositories/case.repository';

export interface RecordResumptionCommand {
  caseNo: string;
  procedureId: string;
  type: string;
  typeName: string;
  /** 特别程序结果 */
  result: string;
  /** Working days the clock did not run, as approval counted them. */
  pausedWorkingDays: number;
  /** The case's new 承诺办结日期, as approval computed it. */
  dueDate: string;
  resumedBy: string;
  resumedAt: Date;
  /** The approval.case.resumed event behind it. */
  sourceEventId?: string;
}

/**
 * 特别程序结束 (approval.case.resumed): the procedure's pause ends with approval's count of the paused
 * working days, and the case ADOPTS approval's new due date as its 承诺办结日期 (intake does not compute a
 * second one); intake.case.clock-resumed carries it, in the event's transaction. A procedure whose end is recorded already changes nothing.
 */
@Injectable()
export class RecordResumptionUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly watch: CaseWatchEvents,
  ) {}

  async execute(cmd: RecordResumptionCommand, em: EntityManager): Promise<void> {
    const c = await this.cases.lockCase(em, cmd.caseNo, unknownCaseInEvent);
    const pause = await this.life.procedurePause(em, c.caseNo, cmd.procedureId);
    if (pause?.endedAt) return;
    if (pause) {
      await this.life.endProcedurePause(em, pause, cmd.resumedAt, cmd.pausedWorkingDays, cmd.result);
      c.pausedDays += cmd.pausedWorkingDays;
      c.pausedAt = null;
    }
    const previousPromiseDate = c.promiseDate;
    if (c.acceptedAt) c.promiseDate = cmd.dueDate;
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'SPECIAL_PROCEDURE_ENDED',
      occurredAt: cmd.resumedAt,
      actor: cmd.resumedBy,
      detail: {
        procedureId: cmd.procedureId,
        type: cmd.type,
        typeName: cmd.typeName,
        result: cmd.result,
        pausedWorkingDays: cmd.pausedWorkingDays,
        promiseDate: c.promiseDate,
        previousPromiseDate,
      },
      sourceEventId: cmd.sourceEventId,
    });
    if (pause) {
      const paused = {
        reason: 'SPECIAL_PROCEDURE' as const,
        ref: cmd.procedureId,
        startedAt: pause.startedAt,
      };
      await this.watch.clockResumed(em, c, paused, cmd.resumedAt, cmd.pausedWorkingDays);
    }
  }
}
