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

/** Which parts of a case's life have rows (LIFE_PARTS). */
export interface LifeParts {
  notices: boolean;
  pauses: boolean;
  feedback: boolean;
  owed: boolean;
  commitment: boolean;
  post_check: boolean;
}

/** Select expressions (the case number is `$1`); also read with the case itself (CaseRepository.findWithLife). */
export const LIFE_PARTS = `EXISTS (SELECT 1 FROM supplement_notices WHERE case_no = $1) AS notices,
  EXISTS (SELECT 1 FROM case_pauses WHERE case_no = $1) AS pauses,
  EXISTS (SELECT 1 FROM case_feedback WHERE case_no = $1) AS feedback,
  EXISTS (SELECT 1 FROM owed_materials WHERE case_no = $1) AS owed,
  EXISTS (SELECT 1 FROM case_commitments WHERE case_no = $1) AS commitment,
  EXISTS (SELECT 1 FROM post_checks WHERE case_no = $1) AS post_check`;
const LIFE_PROBE = `SELECT ${LIFE_PARTS}`;

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

  /** The case's clock pauses, oldest first, in the caller's transaction or outside one. */
  pausesOf(caseNo: string, em?: EntityManager): Promise<CasePauseEntity[]> {
    return (em ?? this.db.manager).find(CasePauseEntity, {
      where: { caseNo },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
  }

  /** The pause running now (`endedAt` null), if any. */
  runningPause(em: EntityManager, caseNo: string): Promise<CasePauseEntity | null> {
    return em.findOne(CasePauseEntity, {
      where: { caseNo, endedAt: IsNull() },
      order: { startedAt: 'DESC' },
    });
  }

  notice(caseNo: string, noticeNo: string): Promise<SupplementNoticeEntity | null> {
    return this.db.getRepository(SupplementNoticeEntity).findOneBy({ caseNo, noticeNo });
  }

  /** `known`: the probe already read with the case (one query less). */
  async read(caseNo: string, em?: EntityManager, known?: LifeParts): Promise<CaseLife> {
    const m = em ?? this.db.manager;
    // Most cases have none of these: one probe first (or with the case), then only the parts that exist
    // are read (a case read costs one query instead of seven — it is the most frequent read, long polls included).
    const has = known ?? (await m.query<LifeParts[]>(LIFE_PROBE, [caseNo]))[0];
    // One after the other: inside a transaction the queries share one connection (pg refuses overlap).
    const notices = has.notices ? await this.notices(caseNo, m) : [];
    const pauses = has.pauses ? await this.pausesOf(caseNo, m) : [];
    const feedback = has.feedback
      ? await m.find(CaseFeedbackEntity, { where: { caseNo }, order: { raisedAt: 'ASC', id: 'ASC' } })
      : [];
    const owed = has.owed
      ? await m.find(OwedMaterialEntity, { where: { caseNo }, order: { id: 'ASC' } })
      : [];
    const commitment = has.commitment ? await m.findOneBy(CommitmentEntity, { caseNo }) : null;
    const postCheck = has.post_check ? await m.findOneBy(PostCheckEntity, { caseNo }) : null;
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
