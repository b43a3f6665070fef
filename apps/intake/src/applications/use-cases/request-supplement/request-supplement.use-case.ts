import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { WorkCalendar } from '@app/shared/calendar';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { CatalogService } from '../../../catalog/catalog.service';
import { ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { ApplicationsPolicy } from '../../applications.policy';
import { supplementDeadline } from '../../case-clock';
import { CaseEvents } from '../../case-events';
import { CaseWatchEvents } from '../../case-watch-events';
import { nextStatus } from '../../case-state';
import { CaseView } from '../../dto/case.response.dto';
import { CaseEntity } from '../../entities/case.entity';
import { NoticeMaterial, SupplementNoticeEntity } from '../../entities/supplement-notice.entity';
import { CaseLifeRepository } from '../../repositories/case-life.repository';
import { CaseRepository } from '../../repositories/case.repository';

export interface RequestSupplementCommand {
  user: Principal;
  caseNo: string;
  /** Every missing or defective material, each with what is wrong (one notice names them all). */
  materials: Array<{ code: string; reason: string }>;
  remark?: string;
}

/** 补正告知书编号: BZ<办件编号>-<n>. */
export const noticeNoOf = (caseNo: string, seq: number): string => `BZ${caseNo}-${seq}`;

/**
 * The notice's materials checked against the item and the case's earlier notices:
 * - every code is a material of the case's item (422 UNKNOWN_MATERIAL with the unknown codes);
 * - at most `supplementLimit` notices per case (409 SUPPLEMENT_LIMIT_REACHED);
 * - a further notice may only name what the last supplement brought (422 SUPPLEMENT_MATERIAL_NOT_REOPENABLE):
 *   what the first notice did not name was accepted as complete then (一次性告知).
 */
export function checkNotice(
  item: ServiceItemEntity,
  earlier: SupplementNoticeEntity[],
  materials: Array<{ code: string; reason: string }>,
): NoticeMaterial[] {
  const codes = materials.map((m) => m.code);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dup.length > 0) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      {
        field: 'materials',
        problems: [`材料重复 / duplicate material codes: ${[...new Set(dup)].join(', ')}`],
      },
    ]);
  }
  const byCode = new Map(item.materials.map((m) => [m.code, m]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    throw new DomainError('UNKNOWN_MATERIAL', undefined, {
      unknown,
      known: item.materials.map((m) => m.code),
    });
  }
  if (earlier.length >= item.supplementLimit) {
    throw new DomainError('SUPPLEMENT_LIMIT_REACHED', undefined, {
      limit: item.supplementLimit,
      issued: earlier.length,
    });
  }
  const last = earlier[earlier.length - 1];
  if (last) {
    const reopenable = last.suppliedMaterials ?? [];
    const notReopenable = codes.filter((c) => !reopenable.includes(c));
    if (notReopenable.length > 0) {
      throw new DomainError('SUPPLEMENT_MATERIAL_NOT_REOPENABLE', undefined, {
        materials: notReopenable,
        reopenable,
      });
    }
  }
  return materials.map((m) => ({ code: m.code, name: byCode.get(m.code)!.name, reason: m.reason }));
}

/** Who issues the 一次性告知 of an online 预审 (by rule, at submission). */
export const PRE_REVIEW_ISSUER = '系统 (网上预审)';
/** The reason a 预审 gives for a required material the online submission lacks. */
export const PRE_REVIEW_MISSING_REASON = '未提交';

/** A 补正 notice to issue on a case already locked and allowed. */
export interface SupplementNoticeInput {
  materials: Array<{ code: string; reason: string }>;
  remark: string | null;
  /** The clerk, or PRE_REVIEW_ISSUER for an online 预审. */
  issuedBy: string;
  /** The system's online 预审 at submission (said on the supplement-requested event). */
  preReview?: boolean;
}

/**
 * 补正 / 一次性告知 by staff of the case's department (or by rule: an online 预审 at submission): ONE
 * numbered notice lists every missing or defective material; the case waits in SUPPLEMENT_REQUIRED with its
 * clock stopped until the applicant supplies them, at the latest `supplementDays` working days later (item
 * rule).
 */
@Injectable()
export class RequestSupplementUseCase {
  constructor(
    private readonly cases: CaseRepository,
    private readonly life: CaseLifeRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly catalog: CatalogService,
    private readonly calendar: WorkCalendar,
    private readonly events: CaseEvents,
    private readonly relay: OutboxRelay,
    private readonly watch: CaseWatchEvents,
  ) {}

  async execute(cmd: RequestSupplementCommand, em?: EntityManager): Promise<CaseView> {
    const view = await this.cases.inTransaction(em, async (tx) => {
      const c = await this.request(tx, cmd);
      return CaseView.from(c, await this.life.read(c.caseNo, tx));
    });
    if (!em) this.relay.poke();
    return view;
  }

  private async request(em: EntityManager, cmd: RequestSupplementCommand): Promise<CaseEntity> {
    const c = await this.cases.lockCase(em, cmd.caseNo);
    this.policy.assertCanHandle(cmd.user, c);
    return this.requestLocked(em, c, {
      materials: cmd.materials,
      remark: cmd.remark ?? null,
      issuedBy: cmd.user.name ?? cmd.user.sub,
    });
  }

  /**
   * The notice on a case the caller has locked and allowed (a clerk's request, or the 预审 of an online
   * submission in its own transaction): checked against the item and the earlier notices, numbered, the
   * case in SUPPLEMENT_REQUIRED with its clock paused, on the timeline, with the supplement-requested and
   * clock-suspended events.
   */
  async requestLocked(em: EntityManager, c: CaseEntity, input: SupplementNoticeInput): Promise<CaseEntity> {
    const status = nextStatus(c.status, 'requestSupplement');
    const item = await this.catalog.getOfCase(em, c.itemId);
    const earlier = await this.life.notices(c.caseNo, em);
    const materials = checkNotice(item, earlier, input.materials);
    const now = new Date();
    const due = supplementDeadline(this.calendar, now, item.supplementDays);
    const seq = earlier.length + 1;
    const notice = em.create(SupplementNoticeEntity, {
      noticeNo: noticeNoOf(c.caseNo, seq),
      caseNo: c.caseNo,
      seq,
      materials,
      remark: input.remark,
      issuedBy: input.issuedBy,
      issuedAt: now,
      dueDate: due.dueDate,
      dueAt: due.dueAt,
      suppliedAt: null,
      suppliedMaterials: null,
    });
    c.status = status;
    c.pausedAt = now;
    c.supplementDueAt = due.dueAt;
    await this.cases.save(em, c);
    await this.life.saveNotice(em, notice);
    await this.life.startPause(em, c.caseNo, notice.noticeNo, now);
    await this.cases.appendTimeline(em, c.caseNo, {
      action: 'SUPPLEMENT_REQUESTED',
      occurredAt: now,
      actor: notice.issuedBy,
      detail: { noticeNo: notice.noticeNo, materials, dueDate: due.dueDate, remark: notice.remark },
    });
    await this.events.supplementRequested(em, c, notice, input.preReview ?? false);
    await this.watch.clockSuspended(em, c, { reason: 'SUPPLEMENT', ref: notice.noticeNo, startedAt: now });
    return c;
  }
}
