import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WorkCalendar } from '@app/shared/calendar';
import { pausedWorkingDays } from './case-clock';
import { CaseWatchEvents, ClockPause } from './case-watch-events';
import { CaseEntity } from './entities/case.entity';
import { PAUSE_REASONS } from './entities/case-pause.entity';
import { CaseLifeRepository } from './repositories/case-life.repository';

/**
 * A case that ends while its clock stands still (补正 awaited, or approval's 特别程序 running) ends its
 * pause with it: the running pause closes at the moment the case ends, its working days are added to the
 * case's `pausedDays`, and intake.case.clock-resumed.v1 says the pause is over — with `caseDoneResult`,
 * the case's 办结结果, because the clock does not run again. Without it approval, supervision and partners
 * would see the clock paused forever. In the caller's transaction, under its lock on the case: the outbox
 * row commits with the ending, or not at all.
 */
@Injectable()
export class PauseCloser {
  constructor(
    private readonly life: CaseLifeRepository,
    private readonly calendar: WorkCalendar,
    private readonly watch: CaseWatchEvents,
  ) {}

  /**
   * Ends the running pause of a case that ends now with `doneResult` (nothing when its clock runs).
   * Returns the working days the pause lasted (0 without one).
   */
  async closeWithCase(em: EntityManager, c: CaseEntity, at: Date, doneResult: string): Promise<number> {
    if (!c.pausedAt) return 0;
    const startedAt = c.pausedAt;
    const running = await this.life.runningPause(em, c.caseNo);
    const paused = pausedWorkingDays(this.calendar, startedAt, at);
    await this.life.endPause(em, c.caseNo, at, paused);
    c.pausedDays += paused;
    c.pausedAt = null;
    c.supplementDueAt = null;
    if (running) {
      const pause: ClockPause = {
        reason: running.reason === PAUSE_REASONS.SPECIAL_PROCEDURE ? 'SPECIAL_PROCEDURE' : 'SUPPLEMENT',
        ref: running.procedureId ?? running.noticeNo ?? c.caseNo,
        startedAt: running.startedAt,
      };
      await this.watch.clockResumed(em, c, pause, at, paused, doneResult);
    }
    return paused;
  }
}
