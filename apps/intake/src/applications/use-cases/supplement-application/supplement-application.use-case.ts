import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ApplicationsPolicy } from '../../applications.policy';
import { CatalogService } from '../../../catalog/catalog.service';
import {
  acceptedByRule,
  IMMEDIATE_PROJECT,
  ONLINE_CHANNEL,
  pausedWorkingDays,
  RULE_ACCEPTOR,
} from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { CaseWatchEvents } from '../../case-watch-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity, SubmittedMaterial } from '../../entities/case.entity';
import { SupplementNoticeEntity } from '../../entities/supplement-notice.entity';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository } from '../../repositories/case.repository';
import { visitOf } from '../../visits';
import { AcceptApplicationUseCase } from '../accept-application/accept-application.use-case';

export interface SupplementApplicationCommand {
  user: Principal;
  caseNo: string;
  materials: SubmittedMaterial[];
  /** 申报方式 of this delivery: 0 窗口 counts a visit (到现场次数). */
  channel?: string;
  /** The moment of the supplement (tests); now by default. */
  now?: Date;
}

/**
 * What the applicant brings must be exactly what the open notice names: all of it at once (422
 * SUPPLEMENT_INCOMPLETE with the missing list), nothing else (400), no code twice (400).
 */
export function checkSupplement(notice: SupplementNoticeEntity, materials: SubmittedMaterial[]): void {
  const codes = materials.map((m) => m.code);
  const named = notice.materials.map((m) => m.code);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  const extra = codes.filter((c) => !named.includes(c));
  if (dup.length > 0 || extra.length > 0) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      ...(dup.length > 0
        ? [
            {
              field: 'materials',
              problems: [`材料重复 / duplicate material codes: ${[...new Set(dup)].join(', ')}`],
            },
          ]
        : []),
      ...extra.map((c) => ({
        field: `materials.${c}`,
        problems: [`补正告知书 ${notice.noticeNo} 未要求此材料 / not named in the notice`],
      })),
    ]);
  }
  const missing = notice.materials.filter((m) => !codes.includes(m.code));
  if (missing.length > 0) {
    throw new DomainError('SUPPLEMENT_INCOMPLETE', undefined, {
      noticeNo: notice.noticeNo,
      missing: missing.map((m) => ({ code: m.code, name: m.name })),
    });
  }
}

/**
 * 补正 by the applicant: everything the open notice names at once. The case returns to SUBMITTED, the
 * pause ends and its working days are added to the case's `pausedDays`; the material list keeps the
 * supplied versions. After the deadline the supplement is refused (the sweep ends the case as 退件).
 * An online 即办件 (its 预审 named what was missing) whose file is now complete is accepted by rule in the
 * same transaction, as it would have been at submission.
 */
@Injectable()
export class SupplementApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly calendar: WorkCalendar,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly watch: CaseWatchEvents,
    private readonly catalog: CatalogService,
    private readonly accept: AcceptApplicationUseCase,
  ) {}

  async execute(cmd: SupplementApplicationCommand, em?: EntityManager): Promise<CaseView> {
    const view = await this.cases.inTransaction(em, async (tx) => {
      const c = await this.supplement(tx, cmd);
      return CaseView.from(c, await this.life.read(c.caseNo, tx));
    });
    if (!em) this.relay.poke();
    return view;
  }

  private async supplement(em: EntityManager, cmd: SupplementApplicationCommand): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, cmd.caseNo);
    this.policy.assertIsOwner(cmd.user, c);
    const status = nextStatus(c.status, 'supplement');
    const notice = (await this.life.notices(c.caseNo, em)).find((n) => n.suppliedAt === null);
    if (!notice || !c.pausedAt) {
      throw new DomainError('INVALID_STATE', undefined, { status: c.status, action: 'supplement' });
    }
    const now = cmd.now ?? new Date();
    if (now.getTime() > notice.dueAt.getTime()) {
      throw new DomainError('SUPPLEMENT_DEADLINE_PASSED', undefined, {
        noticeNo: notice.noticeNo,
        dueDate: notice.dueDate,
      });
    }
    checkSupplement(notice, cmd.materials);
    const pausedFrom = c.pausedAt;
    const paused = pausedWorkingDays(this.calendar, pausedFrom, now);
    const supplied = new Map(cmd.materials.map((m) => [m.code, m]));
    c.materials = [...c.materials.filter((m) => !supplied.has(m.code)), ...cmd.materials];
    c.status = status;
    c.pausedDays += paused;
    c.pausedAt = null;
    c.supplementDueAt = null;
    c.visits += visitOf(cmd.channel);
    notice.suppliedAt = now;
    notice.suppliedMaterials = cmd.materials.map((m) => m.code);
    await this.cases.save(em, c);
    await this.life.saveNotice(em, notice);
    await this.life.endPause(em, c.caseNo, now, paused);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'SUPPLEMENTED',
      occurredAt: now,
      actor: c.applicantName,
      detail: { noticeNo: notice.noticeNo, materials: notice.suppliedMaterials, pausedWorkingDays: paused },
    });
    await this.events.supplemented(em, c, notice, paused);
    const pause = { reason: 'SUPPLEMENT' as const, ref: notice.noticeNo, startedAt: pausedFrom };
    await this.watch.clockResumed(em, c, pause, now, paused);
    if (c.submitChannel === ONLINE_CHANNEL && c.projectType === IMMEDIATE_PROJECT) {
      const item = await this.catalog.getOfCase(em, c.itemId);
      if (acceptedByRule(c, item)) {
        return this.accept.acceptLocked(em, c, nextStatus(c.status, 'accept'), RULE_ACCEPTOR, null);
      }
    }
    return c;
  }
}
