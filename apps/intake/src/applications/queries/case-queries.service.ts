import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { Page, paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { ApplicationsPolicy } from '../applications.policy';
import { CaseChanges } from '../case-changes';
import { GetCaseQuery } from '../dto/get-case.query.dto';
import { CaseView } from '../dto/case.response.dto';
import { ListCasesQuery } from '../dto/list-cases.query.dto';
import { TimelineEntryView, TimelineView } from '../dto/timeline.response.dto';
import { CaseEntity } from '../entities/case.entity';
import { CaseLifeRepository } from '../repositories/case-life.repository';
import { CaseProbe, CaseRepository } from '../repositories/case.repository';
import { renderSupplementNoticePdf } from '../supplement-notice-pdf';

/** The read side of cases: one case, a list, a timeline; each only as far as the policy lets the caller see. */
@Injectable()
export class CaseQueries {
  constructor(
    private readonly cases: CaseRepository,
    private readonly policy: ApplicationsPolicy,
    private readonly changes: CaseChanges,
    private readonly life: CaseLifeRepository,
  ) {}

  private async findVisible(user: Principal, caseNo: string): Promise<CaseEntity> {
    return this.visible(user, caseNo, await this.cases.findByCaseNo(caseNo));
  }

  private visible<C extends CaseProbe>(user: Principal, caseNo: string, c: C | null): C {
    if (!c) throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    this.policy.assertCanView(user, c);
    return c;
  }

  /** The case (as the caller may see it) with its life, the life probe read with the case. */
  private async viewOf(
    user: Principal,
    caseNo: string,
  ): Promise<{ c: CaseEntity; view: () => Promise<CaseView> }> {
    const found = await this.cases.findWithLife(caseNo);
    const c = this.visible(user, caseNo, found?.entity ?? null);
    return { c, view: async () => CaseView.from(c, await this.life.read(caseNo, undefined, found!.extra)) };
  }

  /**
   * One case. With `waitVersion` a long poll: answers as soon as the case's version exceeds it, or after
   * `waitSeconds` with the case as it is — so a client learns of 受理, 办结 or its licence without polling.
   * While it waits it only probes the case's version (and who may see it); the whole case is read once, to
   * answer.
   */
  async getCase(user: Principal, caseNo: string, wait: GetCaseQuery = {}): Promise<CaseView> {
    if (wait.waitVersion === undefined) return (await this.viewOf(user, caseNo)).view();
    const deadline = Date.now() + (wait.waitSeconds ?? 20) * 1000;
    for (;;) {
      // Listen first, then read: a change committed in between still wakes this request.
      const change = this.changes.waitForChange(caseNo, Math.max(0, deadline - Date.now()));
      let probe: CaseProbe;
      try {
        probe = this.visible(user, caseNo, await this.cases.probe(caseNo));
      } catch (e) {
        change.cancel();
        throw e;
      }
      if (probe.version <= wait.waitVersion && Date.now() < deadline) await change.done;
      else change.cancel();
      // Changed, woken or the time is up: the whole case, its version checked again as it is read.
      const read = await this.viewOf(user, caseNo);
      if (read.c.version > wait.waitVersion || Date.now() >= deadline) return read.view();
    }
  }

  /** 补正告知书 as a PDF (who may see the case may see its notices). */
  async supplementNoticePdf(
    user: Principal,
    caseNo: string,
    noticeNo: string,
  ): Promise<{ noticeNo: string; file: Buffer }> {
    const c = await this.findVisible(user, caseNo);
    const n = /^BZ[0-9A-Z-]{10,50}-\d{1,2}$/.test(noticeNo)
      ? await this.life.notice(c.caseNo, noticeNo)
      : null;
    if (!n) throw new DomainError('SUPPLEMENT_NOTICE_NOT_FOUND', undefined, { caseNo, noticeNo });
    return { noticeNo: n.noticeNo, file: await renderSupplementNoticePdf(c, n) };
  }

  async getTimeline(user: Principal, caseNo: string): Promise<TimelineView> {
    await this.findVisible(user, caseNo);
    const rows = await this.cases.readTimeline(caseNo);
    return { caseNo, entries: rows.map((t) => TimelineEntryView.from(t)) };
  }

  /** Applicants: their own cases. Staff: their department's. Admin: all. Newest first. */
  async listCases(user: Principal, q: ListCasesQuery): Promise<Page<CaseView>> {
    const qb = this.cases.query();
    const scope = this.policy.listScope(user);
    switch (scope.kind) {
      case 'all':
        break;
      case 'dept':
        qb.where('c.dept_code = :dept', { dept: scope.deptCode });
        break;
      case 'own':
        qb.where('c.applicant_sub = :sub', { sub: scope.applicantSub });
        break;
    }
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    return paginate(qb, q, { by: 'c.submitted_at', direction: 'DESC' }, (c) => CaseView.from(c));
  }
}
