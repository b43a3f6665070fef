import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { CaseFeedbackEntity } from '../entities/case-feedback.entity';
import { CommitmentEntity } from '../entities/commitment.entity';
import { OwedMaterialEntity } from '../entities/owed-material.entity';
import { PostCheckEntity } from '../entities/post-check.entity';
import { CasePauseEntity, PAUSE_REASONS, SpecialProcedureStart } from '../entities/case-pause.entity';
import { SupplementNoticeEntity } from '../entities/supplement-notice.entity';

/** A case's 补正 notices and clock pauses, in order. */
export interface CaseLife {
  notices: SupplementNoticeEntity[];
  pauses: CasePauseEntity[];
  /** "办不成事" feedback items, oldest first (left out by readers that do not need them). */
  feedback?: CaseFeedbackEntity[];
  /** 容缺受理: the materials owed after 受理 (supplied or not). */
  owed?: OwedMaterialEntity[];
  /** 告知承诺制: the signed commitment and its 事后核查 task. */
  commitment?: CommitmentEntity | null;
  postCheck?: PostCheckEntity | null;
}

/**
 * The 补正 notices (一次性告知) and the pauses of a case's clock. Part of the case aggregate: written only
 * in the transaction that holds the case's row lock (CaseRepository.lockCase).
 */
@Injectable()
export class CaseLifeRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The case's notices by number (seq), in the caller's transaction, or outside one. */
  notices(caseNo: string, em?: EntityManager): Promise<SupplementNoticeEntity[]> {
    return (em ?? this.db.manager).find(SupplementNoticeEntity, { where: { caseNo }, order: { seq: 'ASC' } });
  }

  notice(caseNo: string, noticeNo: string): Promise<SupplementNoticeEntity | null> {
    return this.db.getRepository(SupplementNoticeEntity).findOneBy({ caseNo, noticeNo });
  }

  async read(caseNo: string, em?: EntityManager): Promise<CaseLife> {
    const m = em ?? this.db.manager;
    // One after the other: inside a transaction the queries share one connection (pg refuses overlap).
    const notices = await this.notices(caseNo, m);
    const pauses = await m.find(CasePauseEntity, {
      where: { caseNo },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
    const feedback = await m.find(CaseFeedbackEntity, {
      where: { caseNo },
      order: { raisedAt: 'ASC', id: 'ASC' },
    });
    const owed = await m.find(OwedMaterialEntity, { where: { caseNo }, order: { id: 'ASC' } });
    const commitment = await m.findOneBy(CommitmentEntity, { caseNo });
    const postCheck = await m.findOneBy(PostCheckEntity, { caseNo });
    return { notices, pauses, feedback, owed, commitment, postCheck };
  }

  saveNotice(em: EntityManager, n: SupplementNoticeEntity): Promise<SupplementNoticeEntity> {
    return em.save(SupplementNoticeEntity, n);
  }

  async startPause(em: EntityManager, caseNo: string, noticeNo: string, at: Date): Promise<void> {
    await em.insert(CasePauseEntity, {
      caseNo,
      reason: PAUSE_REASONS.SUPPLEMENT,
      noticeNo,
      startedAt: at,
      endedAt: null,
      workingDays: null,
    });
  }

  /** Ends the pause that is running (if any) with its length in working days. */
  async endPause(em: EntityManager, caseNo: string, at: Date, workingDays: number): Promise<void> {
    await em.update(CasePauseEntity, { caseNo, endedAt: IsNull() }, { endedAt: at, workingDays });
  }

  /** Opens the pause of a 特别程序 (approval suspended the case). */
  async startProcedurePause(
    em: EntityManager,
    caseNo: string,
    p: SpecialProcedureStart,
    at: Date,
  ): Promise<void> {
    await em.insert(CasePauseEntity, {
      caseNo,
      reason: PAUSE_REASONS.SPECIAL_PROCEDURE,
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
    });
  }

  /** The pause of one 特别程序 of the case, if it was recorded. */
  procedurePause(em: EntityManager, caseNo: string, procedureId: string): Promise<CasePauseEntity | null> {
    return em.findOneBy(CasePauseEntity, { caseNo, procedureId });
  }

  /** Ends a 特别程序's pause with approval's count of the working days and the procedure's result. */
  async endProcedurePause(
    em: EntityManager,
    pause: CasePauseEntity,
    at: Date,
    workingDays: number,
    result: string,
  ): Promise<void> {
    await em.update(CasePauseEntity, { id: pause.id }, { endedAt: at, workingDays, procedureResult: result });
  }
}
