import { EntityManager } from 'typeorm';
import { CasePauseEntity, SpecialProcedureStart } from '../entities/case-pause.entity';
import { SupplementNoticeEntity } from '../entities/supplement-notice.entity';
import { CaseLife, CaseLifeRepository } from '../repositories/case-life.repository';

/** A stored 补正 notice, for unit tests. */
export function aNotice(over: Partial<SupplementNoticeEntity> = {}): SupplementNoticeEntity {
  return Object.assign(new SupplementNoticeEntity(), {
    id: 'notice-1',
    noticeNo: 'BZ33010020261125000001-1',
    caseNo: '33010020261125000001',
    seq: 1,
    materials: [{ code: 'M02', name: '营业执照', reason: '复印件不清晰' }],
    remark: null,
    issuedBy: '窗口',
    issuedAt: new Date('2026-11-25T02:00:00Z'),
    dueDate: '2026-12-09',
    dueAt: new Date('2026-12-09T15:59:59.999Z'),
    suppliedAt: null,
    suppliedMaterials: null,
    ...over,
  });
}

/** An in-memory CaseLifeRepository: the notices and pauses of the one case under test. */
export class FakeCaseLifeRepository {
  readonly pauses: CasePauseEntity[] = [];
  /** Every notice save, as saved (a copy). */
  readonly noticeSaves: SupplementNoticeEntity[] = [];

  constructor(public stored: SupplementNoticeEntity[] = []) {}

  read(): Promise<CaseLife> {
    return Promise.resolve({ notices: [...this.stored], pauses: [...this.pauses] });
  }

  pausesOf(): Promise<CasePauseEntity[]> {
    return Promise.resolve([...this.pauses]);
  }

  runningPause(): Promise<CasePauseEntity | null> {
    return Promise.resolve(this.pauses.find((p) => p.endedAt === null) ?? null);
  }

  notices(): Promise<SupplementNoticeEntity[]> {
    return Promise.resolve([...this.stored]);
  }

  saveNotice(_em: EntityManager, n: SupplementNoticeEntity): Promise<SupplementNoticeEntity> {
    this.noticeSaves.push({ ...n });
    if (!this.stored.includes(n)) {
      this.stored.push(n);
    }
    return Promise.resolve(n);
  }

  startPause(_em: EntityManager, caseNo: string, noticeNo: string, at: Date): Promise<void> {
    this.pauses.push(
      Object.assign(new CasePauseEntity(), {
        id: String(this.pauses.length + 1),
        caseNo,
        reason: 'SUPPLEMENT',
        noticeNo,
        startedAt: at,
        endedAt: null,
        workingDays: null,
      }),
    );
    return Promise.resolve();
  }

  endPause(_em: EntityManager, _caseNo: string, at: Date, workingDays: number): Promise<void> {
    for (const p of this.pauses.filter((x) => x.endedAt === null)) {
      p.endedAt = at;
      p.workingDays = workingDays;
    }
    return Promise.resolve();
  }

  startProcedurePause(_em: EntityManager, caseNo: string, p: SpecialProcedureStart, at: Date): Promise<void> {
    this.pauses.push(
      Object.assign(new CasePauseEntity(), {
        id: String(this.pauses.length + 1),
        caseNo,
        reason: 'SPECIAL_PROCEDURE',
        noticeNo: null,
        procedureId: p.procedureId,
        procedureType: p.type,
        procedureTypeName: p.typeName,
        procedureReason: p.reason,
        expectedEndDate: p.expectedEndDate,
        procedureResult: null,
        startedAt: at,
        endedAt: null,
        workingDays: null,
      }),
    );
    return Promise.resolve();
  }

  procedurePause(_em: EntityManager, caseNo: string, procedureId: string): Promise<CasePauseEntity | null> {
    return Promise.resolve(
      this.pauses.find((p) => p.caseNo === caseNo && p.procedureId === procedureId) ?? null,
    );
  }

  endProcedurePause(
    _em: EntityManager,
    pause: CasePauseEntity,
    at: Date,
    workingDays: number,
    result: string,
  ): Promise<void> {
    Object.assign(pause, { endedAt: at, workingDays, procedureResult: result });
    return Promise.resolve();
  }

  asRepository(): CaseLifeRepository {
    return this as unknown as CaseLifeRepository;
  }
}
