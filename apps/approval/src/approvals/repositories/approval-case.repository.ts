import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  insertRow,
  insertRowAtCommit,
  lockTracked,
  Page,
  paginate,
  readManyBy,
  readOneBy,
  runInTransaction,
  saveChanges,
} from '@app/shared/database';
import { ApprovalCaseEntity, StepRole } from '../entities/approval-case.entity';
import { ApprovalAuditEntity } from '../entities/audit.entity';
import { SpecialProcedureEntity } from '../entities/special-procedure.entity';
import { AuditAction, AuditActor } from '../audit-trail';

/** What a list of cases is limited to (built by the read side from the caller and the query). */
export interface ApprovalListFilter {
  /** The department; null for every department (admin). */
  dept: string | null;
  /** Besides `dept`: the cases of these departments' items (delegations valid now to the caller's). */
  delegated?: Array<{ fromDept: string; itemCodes: string[] }>;
  status?: string;
  /** SPHJDM code of the current step. */
  stepCode?: string;
  /** The current step is decided by one of these roles (an empty list matches nothing). */
  roles?: StepRole[];
  /** The current step is due on or before this Shanghai date. */
  dueOnOrBefore?: string;
  /** The current step is due before this Shanghai date (remainingMax: see remainingBound). */
  dueBefore?: string;
  /** OPEN and the current step was due before this Shanghai date (today: overdue). */
  overdueOn?: string;
  sort?: 'opened' | 'due';
}

export type NewApprovalCase = Omit<ApprovalCaseEntity, 'id' | 'version'>;

/**
 * The approval case aggregate: the case row and its append-only audit trail, read and written here only.
 * Writes take the caller's EntityManager, so they commit with the outbox rows of the same transaction.
 */
@Injectable()
export class ApprovalCaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  /** Inserts the case unless one with the same case number exists (then null: the business key holds). */
  async insertIfAbsent(em: EntityManager, values: NewApprovalCase): Promise<ApprovalCaseEntity | null> {
    return insertRow(em, ApprovalCaseEntity, values as Partial<ApprovalCaseEntity>, { ifAbsent: true });
  }

  /** The case, row-locked until the transaction ends (concurrent decisions are serialised). */
  /**
   * Serialises the acceptance and the withdrawal of one case number (transaction-scoped advisory lock):
   * whichever comes second sees what the first did.
   */
  async lockCaseNo(em: EntityManager, caseNo: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [caseNo]);
  }

  /** Remembers a withdrawal of a case approval has not opened (it may still be on its way). */
  async rememberWithdrawal(
    em: EntityManager,
    caseNo: string,
    at: Date,
    previousStatus: string,
  ): Promise<void> {
    await em.query(
      `INSERT INTO withdrawals_before_opening (case_no, withdrawn_at, previous_status) VALUES ($1, $2, $3)
       ON CONFLICT (case_no) DO NOTHING`,
      [caseNo, at, previousStatus],
    );
  }

  /** Remembers owed materials supplied before approval opened the case (applied when it opens). */
  async rememberOwedSupplies(em: EntityManager, caseNo: string, codes: string[], at: Date): Promise<void> {
    for (const code of codes) {
      await em.query(
        `INSERT INTO owed_supplies_before_opening (case_no, code, supplied_at) VALUES ($1, $2, $3)
         ON CONFLICT (case_no, code) DO NOTHING`,
        [caseNo, code, at],
      );
    }
  }

  /**
   * What reached approval before the case opened, in one statement (the caller holds the case number's
   * lock): whether the application was withdrawn, and the owed materials supplied meanwhile (code → when).
   */
  async beforeOpening(
    em: EntityManager,
    caseNo: string,
  ): Promise<{ withdrawn: boolean; owedSupplies: Map<string, string> }> {
    const [row] = await em.query<Array<{ withdrawn: boolean; supplies: Array<[string, string]> }>>(
      `SELECT EXISTS (SELECT 1 FROM withdrawals_before_opening WHERE case_no = $1) AS withdrawn,
              COALESCE((SELECT json_agg(json_build_array(code, supplied_at))
                          FROM owed_supplies_before_opening WHERE case_no = $1), '[]') AS supplies`,
      [caseNo],
    );
    return {
      withdrawn: row.withdrawn,
      owedSupplies: new Map(row.supplies.map(([code, at]) => [code, new Date(at).toISOString()])),
    };
  }

  /** The case locked FOR NO KEY UPDATE, tracked so `save` writes only what changed (one UPDATE). */
  findForUpdate(em: EntityManager, caseNo: string): Promise<ApprovalCaseEntity | null> {
    return lockTracked(em, ApprovalCaseEntity, 'caseNo', caseNo);
  }

  findByCaseNo(caseNo: string): Promise<ApprovalCaseEntity | null> {
    return readOneBy(this.db.manager, ApprovalCaseEntity, 'caseNo', caseNo);
  }

  async save(em: EntityManager, a: ApprovalCaseEntity): Promise<void> {
    await saveChanges(em, ApprovalCaseEntity, a);
  }

  /**
   * One page of cases; `dept` null means every department. Newest first, or with `sort: 'due'` by the
   * current step's due date (earliest first; cases without one, closed or withdrawn ones last). The
   * current-step filters match only cases that have a current step (OPEN or SUSPENDED).
   */
  page(filter: ApprovalListFilter, q: { page: number; pageSize: number }): Promise<Page<ApprovalCaseEntity>> {
    const qb = this.db.getRepository(ApprovalCaseEntity).createQueryBuilder('a').where('TRUE');
    if (filter.dept !== null) {
      const ors = ['a.dept_code = :dept'];
      const params: Record<string, unknown> = { dept: filter.dept };
      (filter.delegated ?? []).forEach((d, i) => {
        ors.push(`(a.dept_code = :delFrom${i} AND a.item_code = ANY(:delItems${i}))`);
        params[`delFrom${i}`] = d.fromDept;
        params[`delItems${i}`] = d.itemCodes;
      });
      qb.andWhere(`(${ors.join(' OR ')})`, params);
    }
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    const current = `(a.steps -> (a.current_step - 1))`;
    const currentDue = `(${current} ->> 'dueDate')`;
    const queue =
      filter.stepCode || filter.roles || filter.dueOnOrBefore || filter.dueBefore || filter.overdueOn;
    if (queue) qb.andWhere('a.status IN (:...queueStatuses)', { queueStatuses: ['OPEN', 'SUSPENDED'] });
    if (filter.stepCode) qb.andWhere(`${current} ->> 'code' = :stepCode`, { stepCode: filter.stepCode });
    if (filter.roles) {
      if (filter.roles.length === 0) qb.andWhere('FALSE');
      // A step from before versioned workflows has no role: the approver decides it.
      else qb.andWhere(`coalesce(${current} ->> 'role', 'approver') IN (:...roles)`, { roles: filter.roles });
    }
    if (filter.dueOnOrBefore) {
      qb.andWhere(`${currentDue} <= :dueOnOrBefore`, { dueOnOrBefore: filter.dueOnOrBefore });
    }
    if (filter.dueBefore) qb.andWhere(`${currentDue} < :dueBefore`, { dueBefore: filter.dueBefore });
    if (filter.overdueOn) {
      // A suspended case's clock stands still (特别程序): it is not overdue while the procedure runs.
      qb.andWhere(`a.status = 'OPEN' AND ${currentDue} < :overdueOn`, { overdueOn: filter.overdueOn });
    }
    const order =
      filter.sort === 'due'
        ? {
            // Only an OPEN / SUSPENDED case has a current step: closed and withdrawn cases come last.
            by: `(CASE WHEN a.status IN ('OPEN', 'SUSPENDED') THEN ${currentDue} END)::date`,
            direction: 'ASC' as const,
            tieBreaker: 'a.case_no',
          }
        : { by: 'a.opened_at', direction: 'DESC' as const };
    return paginate(qb, q, order, (a) => a);
  }

  /** The running 特别程序 of a case (at most one), row-locked until the transaction ends. */
  findRunningProcedureForUpdate(
    em: EntityManager,
    approvalId: string,
  ): Promise<SpecialProcedureEntity | null> {
    return em.findOne(SpecialProcedureEntity, {
      where: { approvalId, endedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /**
   * Appends an entry to the case's audit trail, sent with the transaction's COMMIT: read the trail before
   * appending (`auditOf`), never after in the same transaction. The entry is answered as given (no id).
   */
  async appendAudit(
    em: EntityManager,
    a: ApprovalCaseEntity,
    entry: {
      action: AuditAction;
      stepNo: number | null;
      actor: AuditActor;
      opinion: string | null;
      at: Date;
      /** The 首席代表 authorisation a chief decision was taken under. */
      authorisationId?: string | null;
      /** The cross-department delegation a delegate acted under. */
      delegationId?: string | null;
      procedureId?: string | null;
    },
  ): Promise<ApprovalAuditEntity> {
    // Sent with the COMMIT (the trail is read before an entry is appended, never after in one transaction).
    return insertRowAtCommit(em, ApprovalAuditEntity, {
      approvalId: a.id,
      caseNo: a.caseNo,
      action: entry.action,
      stepNo: entry.stepNo,
      actorSub: entry.actor.sub,
      actorName: entry.actor.name ?? null,
      actorDept: entry.actor.dept ?? null,
      opinion: entry.opinion,
      at: entry.at,
      authorisationId: entry.authorisationId ?? null,
      delegationId: entry.delegationId ?? null,
      procedureId: entry.procedureId ?? null,
    });
  }

  /** The audit trail of a case, oldest first (in `em`'s transaction when given). */
  auditOf(caseNo: string, em?: EntityManager): Promise<ApprovalAuditEntity[]> {
    return readManyBy(em ?? this.db.manager, ApprovalAuditEntity, 'caseNo', caseNo, [['id', 'ASC']]);
  }

  async insertProcedure(
    em: EntityManager,
    values: Omit<SpecialProcedureEntity, 'id'>,
  ): Promise<SpecialProcedureEntity> {
    return em.save(Object.assign(new SpecialProcedureEntity(), values));
  }

  /** A 特别程序 of the case, row-locked until the transaction ends. */
  findProcedureForUpdate(
    em: EntityManager,
    approvalId: string,
    id: string,
  ): Promise<SpecialProcedureEntity | null> {
    return em.findOne(SpecialProcedureEntity, {
      where: { approvalId, id },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async saveProcedure(em: EntityManager, p: SpecialProcedureEntity): Promise<void> {
    await em.save(p);
  }

  /** The 特别程序 of a case, oldest first (in `em`'s transaction when given). */
  proceduresOf(caseNo: string, em?: EntityManager): Promise<SpecialProcedureEntity[]> {
    return readManyBy(em ?? this.db.manager, SpecialProcedureEntity, 'caseNo', caseNo, [
      ['startedAt', 'ASC'],
    ]);
  }
}
