import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { caseClockOf, WorkCalendar } from '@app/shared/calendar';
import { OutboxRelay } from '@app/shared/kafka';
import { CatalogService } from '../../../catalog/catalog.service';
import { ApplicationsPolicy } from '../../applications.policy';
import { ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import {
  assertMaterialsComplete,
  markAccepted,
  onCalendar,
  pausedDaysOn,
  promiseDateFor,
} from '../../case-clock';
import { CommittedMaterial } from '../../entities/commitment.entity';
import { POST_CHECK_STATUS } from '../../entities/post-check.entity';
import { checkCommitment, CommitmentInput, OwedPlan, planOwed } from '../../obligations';
import { ObligationsRepository } from '../../repositories/obligations.repository';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { PAUSE_REASONS } from '../../entities/case-pause.entity';
import { CaseEvents } from '../../case-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { CaseRepository } from '../../repositories/case.repository';

export interface AcceptApplicationCommand {
  user: Principal;
  caseNo: string;
  remark?: string;
  /** 容缺受理: material codes the case is accepted without (deferrable, not key). */
  owedMaterials?: string[];
}

/** What a 受理 may carry besides the decision itself. */
export interface AcceptOptions {
  /** 容缺: the clerk's list of materials owed (missing required deferrable ones are owed anyway). */
  owed?: string[];
  /** 告知承诺制: the signed commitment the case is accepted on (its post-check task is created). */
  commitment?: CommitmentInput;
}

/** 受理 by staff of the case's department: 受理文书编号 and 承诺办结日期 in the item's unit. */
@Injectable()
export class AcceptApplicationUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly catalog: CatalogService,
    private readonly calendar: WorkCalendar,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly obligations: ObligationsRepository,
    private readonly life: CaseLifeRepository,
  ) {}

  /** In the caller's transaction when `em` is given, else in its own (then the relay is woken). */
  async execute(cmd: AcceptApplicationCommand, em?: EntityManager): Promise<CaseView> {
    const c = await this.cases.inTransaction(em, (tx) => this.accept(tx, cmd));
    if (!em) this.relay.poke();
    return CaseView.from(c);
  }

  private async accept(
    em: EntityManager,
    { user, caseNo, remark, owedMaterials }: AcceptApplicationCommand,
  ): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, caseNo);
    this.policy.assertCanHandle(user, c);
    return this.acceptLocked(em, c, nextStatus(c.status, 'accept'), user.name ?? user.sub, remark ?? null, {
      owed: owedMaterials ?? [],
    });
  }

  /**
   * 受理 of a case already locked and allowed (also the chief's overturn of a refusal): materials complete,
   * 受理文书编号, 承诺办结日期 from now in the item's unit (from receipt when deemed accepted, Art. 32), timeline and accepted event.
   * 容缺: the owed materials (listed, plus every required deferrable one missing) with their due dates; 告知承诺:
   * the committed materials count as given, the commitment is stored and the 事后核查 task created. Both
   * travel on the accepted event, so approval knows what it waits for (or that it decides at once).
   */
  async acceptLocked(
    em: EntityManager,
    c: CaseEntity,
    status: CaseEntity['status'],
    by: string,
    remark: string | null,
    opts: AcceptOptions = {},
  ): Promise<CaseEntity> {
    const item = await this.catalog.getOfCase(em, c.itemId);
    const now = new Date();
    const committed = opts.commitment ? checkCommitment(item, opts.commitment, c.materials, now) : [];
    const committedCodes = committed.map((m) => m.code);
    assertMaterialsComplete(
      {
        ...c,
        materials: [...c.materials, ...committedCodes.map((code) => ({ code, fileName: '告知承诺书' }))],
      },
      item,
    );
    const owed = planOwed(this.calendar, item, c, opts.owed ?? [], committedCodes, now);
    // 视为受理 (Art. 32): the promise counts from receipt, not from this late 受理, and the 补正 pauses since
    // receipt do not count against it — on the item's clock (working or natural days).
    const paused = c.deemedAcceptedAt ? await this.pausedSinceReceipt(em, c, item) : 0;
    const promiseDate = c.deemedAcceptedAt
      ? promiseDateFor(this.calendar, item, c.submittedAt, paused)
      : promiseDateFor(this.calendar, item, now);
    c.status = status;
    markAccepted(c, by, now, promiseDate);
    await this.cases.save(em, c);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'ACCEPTED',
      occurredAt: now,
      actor: c.acceptedBy,
      detail: {
        acceptDocNo: c.acceptDocNo,
        promiseDate: c.promiseDate,
        remark,
        ...(c.deemedAcceptedAt
          ? {
              promiseCountedFrom: c.submittedAt.toISOString(),
              pausedWorkingDays: c.pausedDays,
              caseClock: caseClockOf(item.promiseUnit),
              pausedCaseDays: paused,
            }
          : {}),
        ...(owed.length > 0 ? { owedMaterials: owed.map((o) => o.code) } : {}),
      },
    });
    if (owed.length > 0) await this.recordOwed(em, c, owed, now);
    const commitment = opts.commitment
      ? await this.recordCommitment(em, c, item, opts.commitment, committed, now)
      : undefined;
    await this.events.accepted(em, c, item, { owed, commitment });
    return c;
  }

  /**
   * The days the clock stood still since receipt (the 补正 pauses before 受理), on the item's clock: the
   * case's working-day sum for 工作日; for 自然日 and the other units every day of each ended pause, in
   * (start date, end date] Asia/Shanghai — the rule approval applies to a 特别程序.
   */
  private async pausedSinceReceipt(
    em: EntityManager,
    c: CaseEntity,
    item: ServiceItemEntity,
  ): Promise<number> {
    const clock = caseClockOf(item.promiseUnit);
    if (clock === 'working') return c.pausedDays;
    const pauses = await this.life.pausesOf(c.caseNo, em);
    return onCalendar(() =>
      pauses
        .filter((p) => p.reason === PAUSE_REASONS.SUPPLEMENT && p.endedAt !== null)
        .reduce((n, p) => n + pausedDaysOn(this.calendar, clock, p.startedAt, p.endedAt!), 0),
    );
  }

  /** 容缺受理: the owed materials with their due dates, on the timeline. */
  private async recordOwed(em: EntityManager, c: CaseEntity, owed: OwedPlan[], now: Date): Promise<void> {
    await this.obligations.insertOwed(
      em,
      owed.map((o) => ({
        caseNo: c.caseNo,
        code: o.code,
        name: o.name,
        owedAt: now,
        dueDate: o.dueDate,
        dueAt: o.dueAt,
        suppliedAt: null,
        fileName: null,
        overdueAt: null,
      })),
    );
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'OWED_MATERIALS_RECORDED',
      occurredAt: now,
      actor: c.acceptedBy,
      detail: { materials: owed.map(({ code, name, dueDate }) => ({ code, name, dueDate })) },
    });
  }

  /** 告知承诺制: the signed commitment (kept forever) and the department's 事后核查 task. */
  private async recordCommitment(
    em: EntityManager,
    c: CaseEntity,
    item: ServiceItemEntity,
    input: CommitmentInput,
    materials: CommittedMaterial[],
    now: Date,
  ): Promise<{ commitmentNo: string; materials: CommittedMaterial[]; postCheckDueDate: string }> {
    const commitmentNo = `CN${c.caseNo}`;
    const due = onCalendar(() => this.calendar.dueDate(now, item.postCheckDays ?? 1, '1'));
    await this.obligations.insertCommitment(em, {
      commitmentNo,
      caseNo: c.caseNo,
      statement: input.statement,
      signerName: input.signerName,
      signedAt: input.signedAt,
      materials,
      recordedAt: now,
    });
    const postCheckNo = `HC${c.caseNo}`;
    await this.obligations.insertPostCheck(em, {
      postCheckNo,
      caseNo: c.caseNo,
      commitmentNo,
      deptCode: c.deptCode,
      itemCode: c.itemCode,
      itemName: c.itemName,
      applicantName: c.applicantName,
      createdAt: now,
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      status: POST_CHECK_STATUS.PENDING,
      resultReason: null,
      checkedBy: null,
      checkedAt: null,
      overdueAt: null,
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'COMMITMENT_SIGNED',
      occurredAt: now,
      actor: input.signerName,
      detail: { commitmentNo, materials, signedAt: input.signedAt.toISOString() },
    });
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'POST_CHECK_CREATED',
      occurredAt: now,
      detail: { postCheckNo, dueDate: due.dueDate },
    });
    return { commitmentNo, materials, postCheckDueDate: due.dueDate };
  }
}
