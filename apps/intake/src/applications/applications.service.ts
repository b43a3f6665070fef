import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AcceptApplicationDto,
  ApplicantDto,
  ListCasesQuery,
  RejectApplicationDto,
  SubmitApplicationDto,
} from './dto/applications.dto';
import { Principal, ROLES } from '@app/shared/auth';
import { CalendarNotCoveredError, TimeUnitCode, WorkCalendar } from '@app/shared/calendar';
import { EventApplicant, TOPICS } from '@app/shared/contracts';
import { Page, paginate } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { requestHash } from '@app/shared/http';
import { isNaturalPersonCertType } from '@app/shared/codes';
import {
  isValidIdCardNumber,
  isValidUscc,
  keyedHash,
  maskIdCardNumber,
} from '@app/shared/identifiers';
import { OutboxRelay, OutboxService } from '@app/shared/kafka';
import { CatalogService } from '../catalog/catalog.service';
import { ServiceItemEntity } from '../catalog/entities/service-item.entity';
import { IntakeConfig } from '../config/intake.config';
import { toCaseView, toTimelineView } from './case-view';
import { CASE_STATUS, CaseEntity } from './entities/case.entity';
import { TimelineEntryEntity } from './entities/timeline-entry.entity';
import { nextStatus } from './case-state';
import { addTimeline } from './timeline';

const NATURAL_PERSON = '1';
const STAFF_ROLES = [ROLES.CLERK, ROLES.APPROVER];

/** Asia/Shanghai calendar date as YYYYMMDD. */
function shanghaiDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(d)
    .replaceAll('-', '');
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly outbox: OutboxService,
    private readonly relay: OutboxRelay,
    private readonly calendar: WorkCalendar,
    private readonly config: IntakeConfig,
  ) {}

  /** Builds the event view of an applicant: a person's ID only masked + keyed hash. */
  eventApplicant(
    c: Pick<
      CaseEntity,
      | 'applicantUserProp'
      | 'applicantName'
      | 'applicantCertType'
      | 'applicantCertMasked'
      | 'applicantCertHash'
    >,
  ): EventApplicant {
    return {
      userProp: c.applicantUserProp,
      name: c.applicantName,
      certType: c.applicantCertType,
      certMasked: c.applicantCertMasked,
      certHash: c.applicantCertHash,
    };
  }

  private validateApplicant(a: ApplicantDto, item: ServiceItemEntity): { certNo: string; masked: string } {
    if (!item.serverTypes.includes(a.userProp)) {
      throw new DomainError('APPLICANT_TYPE_NOT_SERVED', undefined, {
        userProp: a.userProp,
        served: item.serverTypes,
      });
    }
    const certNo = a.certNo.trim().toUpperCase();
    if (a.certType === '111') {
      if (a.userProp !== NATURAL_PERSON) {
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { field: 'applicant.certType', problems: ['公民身份号码 only for 自然人 (userProp 1)'] },
        ]);
      }
      if (!isValidIdCardNumber(certNo)) {
        throw new DomainError('INVALID_ID_NUMBER', '公民身份号码无效 / Invalid citizen ID number', {
          field: 'applicant.certNo',
        });
      }
      return { certNo, masked: maskIdCardNumber(certNo) };
    }
    if (a.certType === '001') {
      if (a.userProp === NATURAL_PERSON) {
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { field: 'applicant.certType', problems: ['统一社会信用代码 is not for 自然人'] },
        ]);
      }
      if (!isValidUscc(certNo)) {
        throw new DomainError(
          'INVALID_ID_NUMBER',
          '统一社会信用代码无效 / Invalid unified social credit code',
          { field: 'applicant.certNo' },
        );
      }
      return { certNo, masked: certNo };
    }
    // Whether the ID is personal follows from its type (gov-standards §1.4), not from what the applicant
    // says it is: a passport number is masked even if someone files it as a company's.
    const personal = isNaturalPersonCertType(a.certType);
    if (personal !== (a.userProp === NATURAL_PERSON)) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        {
          field: 'applicant.certType',
          problems: [
            personal
              ? '个人证件只能用于自然人申请人 / a personal ID type is only for 自然人 (userProp 1)'
              : '组织证件不能用于自然人申请人 / an organisation ID type is not for 自然人',
          ],
        },
      ]);
    }
    if (!/^[0-9A-Z]{5,30}$/.test(certNo)) {
      throw new DomainError('INVALID_ID_NUMBER', undefined, { field: 'applicant.certNo' });
    }
    return { certNo, masked: personal ? `${certNo.slice(0, 2)}****${certNo.slice(-2)}` : certNo };
  }

  private validateForm(dto: SubmitApplicationDto, item: ServiceItemEntity): void {
    const problems: Array<{ field: string; problems: string[] }> = [];
    const known = new Set(item.formFields.map((f) => f.key));
    for (const [k, v] of Object.entries(dto.formData)) {
      if (!known.has(k)) {
        problems.push({
          field: `formData.${k}`,
          problems: ['unknown field for this item / 该事项无此表单项'],
        });
      } else if (typeof v !== 'string' || v.length > 500) {
        problems.push({ field: `formData.${k}`, problems: ['must be a string of at most 500 characters'] });
      }
    }
    for (const f of item.formFields) {
      const v = dto.formData[f.key];
      if (f.required && (typeof v !== 'string' || v.trim() === '')) {
        problems.push({ field: `formData.${f.key}`, problems: [`${f.label} 必填 / required`] });
      }
    }
    const materialCodes = new Set(item.materials.map((m) => m.code));
    for (const m of dto.materials) {
      if (!materialCodes.has(m.code)) {
        problems.push({
          field: `materials.${m.code}`,
          problems: ['unknown material for this item / 该事项无此材料'],
        });
      }
    }
    if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
    const given = new Set(dto.materials.map((m) => m.code));
    const missing = item.materials.filter((m) => m.required && !given.has(m.code));
    // 一次性告知: every missing material at once, never one at a time.
    if (missing.length > 0) {
      throw new DomainError('MATERIALS_INCOMPLETE', undefined, {
        missing: missing.map((m) => ({ code: m.code, name: m.name })),
      });
    }
  }

  private async nextCaseNo(em: EntityManager, now: Date): Promise<string> {
    const day = shanghaiDay(now);
    const [{ seq }] = await em.query<Array<{ seq: number }>>(
      `INSERT INTO case_no_counters (region, day, seq) VALUES ($1, $2, 1)
       ON CONFLICT (region, day) DO UPDATE SET seq = case_no_counters.seq + 1 RETURNING seq`,
      [this.config.REGION_CODE, day],
    );
    // <行政区划 6><yyyyMMdd 8><seq 6> = 20 chars, unique per region (gov-standards §3.4).
    return `${this.config.REGION_CODE}${day}${String(seq).padStart(6, '0')}`;
  }

  /**
   * A submission made again with the same Idempotency-Key by the same applicant: the case it created, or
   * IDEMPOTENCY_KEY_REUSED when the body differs; undefined when the key is new.
   */
  private async earlierSubmission(
    user: Principal,
    key: string,
    hash: string,
  ): Promise<CaseEntity | undefined> {
    const earlier = await this.db
      .getRepository(CaseEntity)
      .findOneBy({ applicantSub: user.sub, idempotencyKey: key });
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', undefined, { caseNo: earlier.caseNo });
    }
    return earlier;
  }

  /**
   * 收件: validates, numbers and stores the case with its submitted event in one transaction. With an
   * Idempotency-Key a retry (after a timeout, a double click, a concurrent duplicate) returns the case
   * the first call created (`replayed: true`) instead of creating another.
   */
  async submit(
    user: Principal,
    dto: SubmitApplicationDto,
    idempotencyKey?: string,
  ): Promise<{ view: ReturnType<typeof toCaseView>; replayed: boolean }> {
    const hash = idempotencyKey ? requestHash(dto) : null;
    if (idempotencyKey && hash) {
      const earlier = await this.earlierSubmission(user, idempotencyKey, hash);
      if (earlier) return { view: toCaseView(earlier), replayed: true };
    }
    const item = await this.catalog.getPublished(dto.itemCode);
    const { certNo, masked } = this.validateApplicant(dto.applicant, item);
    this.validateForm(dto, item);
    const now = new Date();
    let saved: CaseEntity;
    try {
      saved = await this.insertCase(user, dto, item, { certNo, masked }, now, idempotencyKey ?? null, hash);
    } catch (e) {
      // Two requests with one key at the same time: the loser waited on the unique index and failed.
      const constraint = (e as { driverError?: { constraint?: string } }).driverError?.constraint;
      if (idempotencyKey && hash && constraint === 'cases_idempotency_uq') {
        const earlier = await this.earlierSubmission(user, idempotencyKey, hash);
        if (earlier) return { view: toCaseView(earlier), replayed: true };
      }
      throw e;
    }
    this.relay.poke();
    return { view: toCaseView(saved), replayed: false };
  }

  private async insertCase(
    user: Principal,
    dto: SubmitApplicationDto,
    item: ServiceItemEntity,
    cert: { certNo: string; masked: string },
    now: Date,
    idempotencyKey: string | null,
    hash: string | null,
  ): Promise<CaseEntity> {
    const { certNo, masked } = cert;
    return this.db.transaction(async (em) => {
      const caseNo = await this.nextCaseNo(em, now);
      const c = em.create(CaseEntity, {
        caseNo,
        itemId: item.id,
        itemCode: item.taskCode,
        itemName: item.name,
        deptCode: item.deptCode,
        deptName: item.deptName,
        taskType: item.taskType,
        projectType: item.projectType,
        applicantSub: user.sub,
        applicantUserProp: dto.applicant.userProp,
        applicantName: dto.applicant.name.trim(),
        applicantCertType: dto.applicant.certType,
        applicantCertNo: certNo,
        applicantCertMasked: masked,
        applicantCertHash: keyedHash(this.config.PII_HASH_KEY, certNo),
        contactPhone: dto.applicant.phone ?? null,
        formData: dto.formData,
        materials: dto.materials,
        submitChannel: dto.submitChannel ?? '1',
        status: CASE_STATUS.SUBMITTED,
        submittedAt: now,
        idempotencyKey,
        requestHash: hash,
      });
      await em.save(c);
      await addTimeline(em, caseNo, 'SUBMITTED', now, { actor: dto.applicant.name });
      await this.outbox.add(em, TOPICS.APPLICATION_SUBMITTED, caseNo, {
        caseNo,
        itemCode: item.taskCode,
        itemName: item.name,
        deptCode: item.deptCode,
        deptName: item.deptName,
        applicant: this.eventApplicant(c),
        submitChannel: c.submitChannel,
        projectType: item.projectType,
        submittedAt: now.toISOString(),
      });
      return c;
    });
  }

  private assertStaffOf(user: Principal, c: CaseEntity): void {
    if (user.roles.includes(ROLES.ADMIN)) return;
    if (user.dept !== c.deptCode) {
      throw new DomainError('FORBIDDEN', '非本部门办件 / Case belongs to another department', {
        deptCode: c.deptCode,
      });
    }
  }

  private async lockCase(em: EntityManager, caseNo: string): Promise<CaseEntity> {
    const c = await em.findOne(CaseEntity, { where: { caseNo }, lock: { mode: 'pessimistic_write' } });
    if (!c) throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    return c;
  }

  async accept(user: Principal, caseNo: string, dto: AcceptApplicationDto) {
    const result = await this.db.transaction(async (em) => {
      const c = await this.lockCase(em, caseNo);
      this.assertStaffOf(user, c);
      const next = nextStatus(c.status, 'accept');
      const item = await em.findOneByOrFail(ServiceItemEntity, { id: c.itemId });
      const now = new Date();
      let promiseDate: string;
      try {
        promiseDate =
          item.promiseLimit === 0
            ? this.calendar.toShanghaiDate(now)
            : this.calendar.dueDate(now, item.promiseLimit, item.promiseUnit as TimeUnitCode).dueDate;
      } catch (e) {
        if (e instanceof CalendarNotCoveredError) {
          throw new DomainError('CALENDAR_NOT_COVERED', undefined, { year: e.year });
        }
        throw e;
      }
      c.status = next;
      c.acceptedAt = now;
      c.acceptedBy = user.name ?? user.sub;
      c.acceptDocNo = `SL${c.caseNo}`;
      c.promiseDate = promiseDate;
      await em.save(c);
      await addTimeline(em, c.caseNo, 'ACCEPTED', now, {
        actor: c.acceptedBy,
        detail: { acceptDocNo: c.acceptDocNo, promiseDate, remark: dto.remark ?? null },
      });
      const faceFields = Object.fromEntries(
        item.formFields
          .filter((f) => f.onLicence && c.formData[f.key])
          .map((f) => [f.label, c.formData[f.key]]),
      );
      await this.outbox.add(em, TOPICS.APPLICATION_ACCEPTED, c.caseNo, {
        caseNo: c.caseNo,
        itemCode: c.itemCode,
        itemName: c.itemName,
        deptCode: c.deptCode,
        deptName: c.deptName,
        applicant: this.eventApplicant(c),
        taskType: c.taskType,
        projectType: c.projectType,
        acceptDocNo: c.acceptDocNo,
        acceptedAt: now.toISOString(),
        promiseDate,
        promiseLimit: item.promiseLimit,
        promiseUnit: item.promiseUnit,
        licence:
          item.yieldsLicence && item.licenceTypeCode && item.licenceTypeName
            ? {
                typeCode: item.licenceTypeCode,
                typeName: item.licenceTypeName,
                validYears: item.licenceValidYears ?? undefined,
                faceFields,
              }
            : null,
        acceptedBy: c.acceptedBy,
      });
      return c;
    });
    this.relay.poke();
    return toCaseView(result);
  }

  async reject(user: Principal, caseNo: string, dto: RejectApplicationDto) {
    const result = await this.db.transaction(async (em) => {
      const c = await this.lockCase(em, caseNo);
      this.assertStaffOf(user, c);
      const now = new Date();
      c.status = nextStatus(c.status, 'reject');
      c.notAcceptedReason = dto.reason;
      c.doneResult = '6';
      c.doneAt = now;
      await em.save(c);
      const by = user.name ?? user.sub;
      await addTimeline(em, c.caseNo, 'NOT_ACCEPTED', now, { actor: by, detail: { reason: dto.reason } });
      await this.outbox.add(em, TOPICS.APPLICATION_NOT_ACCEPTED, c.caseNo, {
        caseNo: c.caseNo,
        itemCode: c.itemCode,
        itemName: c.itemName,
        deptCode: c.deptCode,
        deptName: c.deptName,
        reason: dto.reason,
        decidedAt: now.toISOString(),
        decidedBy: by,
      });
      await this.emitCompleted(em, c);
      return c;
    });
    this.relay.poke();
    return toCaseView(result);
  }

  /** Writes intake.case.completed for a case whose done fields are set. */
  async emitCompleted(em: EntityManager, c: CaseEntity): Promise<void> {
    await this.outbox.add(em, TOPICS.CASE_COMPLETED, c.caseNo, {
      caseNo: c.caseNo,
      itemCode: c.itemCode,
      itemName: c.itemName,
      deptCode: c.deptCode,
      deptName: c.deptName,
      doneResult: c.doneResult ?? '0',
      completedAt: (c.doneAt ?? new Date()).toISOString(),
      applicant: this.eventApplicant(c),
      applicantSub: c.applicantSub,
      projectType: c.projectType,
      licenceId: c.licenceId,
    });
  }

  private async findVisible(user: Principal, caseNo: string): Promise<CaseEntity> {
    const c = await this.db.getRepository(CaseEntity).findOne({ where: { caseNo } });
    if (!c) throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
    if (user.roles.includes(ROLES.ADMIN)) return c;
    if (
      user.roles.some((r) => STAFF_ROLES.includes(r as (typeof STAFF_ROLES)[number])) &&
      user.dept === c.deptCode
    ) {
      return c;
    }
    // Applicants see only their own cases; someone else's case does not exist for them.
    if (c.applicantSub === user.sub) return c;
    throw new DomainError('CASE_NOT_FOUND', undefined, { caseNo });
  }

  async get(user: Principal, caseNo: string) {
    return toCaseView(await this.findVisible(user, caseNo));
  }

  async timeline(user: Principal, caseNo: string) {
    await this.findVisible(user, caseNo);
    const rows = await this.db
      .getRepository(TimelineEntryEntity)
      .find({ where: { caseNo }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return { caseNo, entries: rows.map(toTimelineView) };
  }

  /** Applicants: their own cases. Staff: their department's. Admin: all. */
  async list(user: Principal, q: ListCasesQuery): Promise<Page<ReturnType<typeof toCaseView>>> {
    const qb = this.db.getRepository(CaseEntity).createQueryBuilder('c');
    if (user.roles.includes(ROLES.ADMIN)) {
      // all cases
    } else if (user.roles.some((r) => STAFF_ROLES.includes(r as (typeof STAFF_ROLES)[number])) && user.dept) {
      qb.where('c.dept_code = :dept', { dept: user.dept });
    } else {
      qb.where('c.applicant_sub = :sub', { sub: user.sub });
    }
    if (q.status) qb.andWhere('c.status = :status', { status: q.status });
    return paginate(qb, q, { by: 'c.submitted_at', direction: 'DESC' }, toCaseView);
  }
}
