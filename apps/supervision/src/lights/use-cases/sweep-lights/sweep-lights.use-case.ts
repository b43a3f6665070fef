import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CalendarNotCoveredError, WorkCalendar } from '@app/shared/calendar';
import { Light, TOPICS } from '@app/shared/contracts';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { SupervisionConfig } from '../../../config/supervision.config';
import { EscalationRepository } from '../../../escalations/escalation.repository';
import { ClockEntity } from '../../../projection/entities/clock.entity';
import { ClockRepository } from '../../../projection/repositories/clock.repository';
import { computeLight, isPublishedChange, nextShanghaiDay } from '../../light';
import { tryExclusive } from '@app/shared/database';

/** The advisory lock that lets one replica at a time sweep. */
export const LIGHT_SWEEP_LOCK = 'supervision.light-sweep';

export interface LightChange {
  clockId: string;
  caseNo: string;
  previousLight: Light | null;
  light: Light;
  escalationId: string | null;
}

export interface SweepResult {
  /** false when another replica held the sweep lock (this run did nothing). */
  swept: boolean;
  checked: number;
  changes: LightChange[];
}

/**
 * Recomputes the lights of the open clocks that are due for a check (each day at Shanghai midnight, and at
 * once after an event changed the clock). Every change is written with its outbox event in ONE transaction;
 * one replica at a time sweeps (pg_try_advisory_xact_lock; the others skip the run) and rows a consumer holds
 * are skipped, not waited for — so each change is published exactly once, whatever the number of replicas.
 * A red light opens a 督办 item for the clock's department (kinds in SUPERVISION_ESCALATE_KINDS).
 */
@Injectable()
export class SweepLightsUseCase {
  private readonly logger = new Logger(SweepLightsUseCase.name);

  constructor(
    private readonly clocks: ClockRepository,
    private readonly escalations: EscalationRepository,
    private readonly calendar: WorkCalendar,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly config: SupervisionConfig,
  ) {}

  async execute(cmd: { now?: Date; batch?: number } = {}): Promise<SweepResult> {
    const now = cmd.now ?? new Date();
    const result = await this.escalations.transaction(async (em) => {
      if (!(await tryExclusive(em, LIGHT_SWEEP_LOCK))) return { swept: false, checked: 0, changes: [] };
      const due = await this.clocks.dueForCheck(em, now, cmd.batch ?? this.config.SUPERVISION_SWEEP_BATCH);
      const changes: LightChange[] = [];
      for (const clock of due) {
        const change = await this.check(em, clock, now);
        if (change) changes.push(change);
      }
      return { swept: true, checked: due.length, changes };
    });
    if (result.changes.length > 0) this.relay.poke();
    return result;
  }

  private async check(em: EntityManager, clock: ClockEntity, now: Date): Promise<LightChange | null> {
    const today = this.calendar.toShanghaiDate(now);
    let next;
    try {
      next = computeLight(this.calendar, {
        dueDate: clock.dueDate,
        pausedSince: clock.pausedSince,
        today,
        yellowDays: this.config.yellowDays(clock.kind),
      });
    } catch (e) {
      if (!(e instanceof CalendarNotCoveredError)) throw e;
      // Never a guess: the clock keeps its light until the year's schedule is loaded (logged every day).
      this.logger.warn({ clockId: clock.id, year: e.year }, 'working-day calendar does not cover the clock');
      await em.query('UPDATE sup_clocks SET check_after = $2 WHERE id = $1', [
        clock.id,
        nextShanghaiDay(today),
      ]);
      return null;
    }
    const previous = clock.light;
    const changed = previous !== next.light;
    await this.clocks.saveLight(em, clock, {
      ...next,
      checkAfter: nextShanghaiDay(today),
      changedAt: changed ? now : null,
    });
    if (!changed) return null;
    await this.clocks.recordChange(em, {
      clockId: clock.id,
      caseNo: clock.caseNo,
      previousLight: previous,
      light: next.light,
      dueDate: next.effectiveDueDate,
      remainingWorkingDays: next.remainingWorkingDays,
      changedAt: now,
    });
    if (isPublishedChange(previous, next.light)) {
      await this.outbox.add(em, TOPICS.SUPERVISION_LIGHT_CHANGED, clock.caseNo, {
        clockId: clock.id,
        caseNo: clock.caseNo,
        kind: clock.kind,
        ref: clock.ref,
        deptCode: clock.deptCode,
        itemCode: clock.itemCode,
        previousLight: previous,
        light: next.light,
        dueDate: next.effectiveDueDate,
        remainingWorkingDays: next.remainingWorkingDays,
        changedAt: now.toISOString(),
      });
    }
    let escalationId: string | null = null;
    if (next.light === 'RED' && this.config.escalateKinds.has(clock.kind)) {
      const x = await this.escalations.openFor(em, clock, next.effectiveDueDate, now);
      if (x) {
        escalationId = x.id;
        await this.outbox.add(em, TOPICS.SUPERVISION_ESCALATION_OPENED, clock.caseNo, {
          escalationId: x.id,
          clockId: clock.id,
          caseNo: clock.caseNo,
          kind: clock.kind,
          deptCode: clock.deptCode,
          itemCode: clock.itemCode,
          dueDate: x.dueDate,
          openedAt: now.toISOString(),
        });
      }
    }
    return {
      clockId: clock.id,
      caseNo: clock.caseNo,
      previousLight: previous,
      light: next.light,
      escalationId,
    };
  }
}
