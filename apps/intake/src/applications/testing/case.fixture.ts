import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { OutboxRelay } from '@app/shared/kafka';
import { ServiceItemEntity } from '../../catalog/entities/service-item.entity';
import { CaseEntity } from '../entities/case.entity';
import { CaseWatchEvents } from '../case-watch-events';
import { CaseRepository, TimelineAppend } from '../repositories/case.repository';
import { CaseEvents } from '../case-events';

export const SCJG = '113301000024901620';
export const GA = '11330100002491026R';

/** A case as stored, for unit tests of the use cases and the policy. */
export function aCase(over: Partial<CaseEntity> = {}): CaseEntity {
  return Object.assign(new CaseEntity(), {
    id: 'id-1',
    caseNo: '33010020261125000001',
    itemId: 'item-1',
    itemCode: `${SCJG}000111203000001`,
    itemName: '食品经营许可',
    deptCode: SCJG,
    deptName: '杭州市市场监督管理局',
    taskType: '01',
    projectType: '2',
    applicantSub: 'citizen-1',
    applicantUserProp: '2',
    applicantName: '杭州测试餐饮有限公司',
    applicantCertType: '001',
    applicantCertNo: GA,
    applicantCertMasked: GA,
    applicantCertHash: 'a'.repeat(64),
    contactPhone: null,
    formData: { premises: '杭州市', businessScope: '热食类' },
    materials: [
      { code: 'M01', fileName: 'M01.pdf' },
      { code: 'M02', fileName: 'M02.pdf' },
    ],
    submitChannel: '1',
    visits: 0,
    visitLimit: 1,
    status: 'SUBMITTED',
    submittedAt: new Date('2026-11-25T02:00:00Z'),
    acceptDocNo: null,
    acceptedAt: null,
    acceptedBy: null,
    promiseDate: null,
    notAcceptedReason: null,
    doneResult: null,
    doneAt: null,
    licenceId: null,
    idempotencyKey: null,
    requestHash: null,
    pausedDays: 0,
    pausedAt: null,
    supplementDueAt: null,
    refusalReason: null,
    refusalLegalBasis: null,
    refusalProposedBy: null,
    refusalProposedAt: null,
    refusalConfirmDueAt: null,
    refusalOverdueAt: null,
    deemedAcceptedAt: null,
    ...over,
  });
}

export function anItem(over: Partial<ServiceItemEntity> = {}): ServiceItemEntity {
  return Object.assign(new ServiceItemEntity(), {
    id: 'item-1',
    taskCode: `${SCJG}000111203000001`,
    catalogCode: '000111203000',
    name: '食品经营许可',
    taskType: '01',
    deptCode: SCJG,
    deptName: '杭州市市场监督管理局',
    legalLimit: 20,
    legalUnit: '1',
    promiseLimit: 5,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2', '5'],
    materials: [
      { code: 'M01', name: '申请书', required: true, format: '电子', source: '申请人自备' },
      { code: 'M02', name: '营业执照', required: true, format: '电子', source: '政府部门核发' },
      { code: 'M03', name: '布局图', required: false, format: '电子', source: '申请人自备' },
    ],
    formFields: [
      { key: 'premises', label: '经营场所', required: true, onLicence: true },
      { key: 'businessScope', label: '经营项目', required: true, onLicence: false },
    ],
    yieldsLicence: true,
    licenceTypeCode: '111000000000135652001',
    licenceTypeName: '食品经营许可证',
    licenceValidYears: 5,
    status: '2',
    itemVersion: 1,
    ...over,
  });
}

export const principal = (over: Partial<Principal> = {}): Principal => ({
  sub: 'clerk-1',
  name: '窗口',
  roles: ['clerk'],
  dept: SCJG,
  token: 't',
  ...over,
});

/** The transaction handle use cases pass around: the fakes never query it; `create` builds an entity. */
export const EM = {
  create: (cls: new () => object, values: object): object => Object.assign(new cls(), values),
} as unknown as EntityManager;

/**
 * An in-memory stand-in for CaseRepository over one stored case (or none), recording what was saved
 * and appended; transactions just run the work with the given (or a dummy) manager.
 */
export class FakeCaseRepository {
  readonly saved: CaseEntity[] = [];
  readonly timeline: TimelineAppend[] = [];
  /** Transactions the fake opened itself (the use case was not given one). */
  transactions = 0;

  constructor(public stored: CaseEntity | null) {}

  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!em) this.transactions++;
    return work(em ?? EM);
  }

  lockCase(_em: EntityManager, caseNo: string, missing?: (caseNo: string) => Error): Promise<CaseEntity> {
    if (this.stored) return Promise.resolve(this.stored);
    return Promise.reject(
      missing ? missing(caseNo) : new DomainError('CASE_NOT_FOUND', undefined, { caseNo }),
    );
  }

  findByCaseNo(): Promise<CaseEntity | null> {
    return Promise.resolve(this.stored);
  }

  findBySubmission(applicantSub: string, key: string): Promise<CaseEntity | null> {
    const c = this.stored;
    return Promise.resolve(c && c.applicantSub === applicantSub && c.idempotencyKey === key ? c : null);
  }

  nextCaseNo(): Promise<string> {
    return Promise.resolve('33010020261125000002');
  }

  save(_em: EntityManager, c: CaseEntity): Promise<CaseEntity> {
    this.saved.push({ ...c });
    return Promise.resolve(c);
  }

  /** A new case: recorded with what was saved, as the database would answer it (id and version set). */
  insert(_em: EntityManager, values: Partial<CaseEntity>): Promise<CaseEntity> {
    const c = Object.assign(new CaseEntity(), { id: 'new-case-id', version: 1 }, values);
    this.saved.push({ ...c });
    return Promise.resolve(c);
  }

  appendTimeline(_em: EntityManager, _caseNo: string, ...entries: TimelineAppend[]): Promise<void> {
    this.timeline.push(...entries);
    return Promise.resolve();
  }

  appendTimelineIfKnown(_em: EntityManager, _caseNo: string, entry: TimelineAppend): Promise<boolean> {
    if (this.stored) this.timeline.push(entry);
    return Promise.resolve(this.stored !== null);
  }

  asRepository(): CaseRepository {
    return this as unknown as CaseRepository;
  }
}

/** Records the events a use case writes, by kind. */
export class FakeCaseEvents {
  readonly written: Array<{ kind: string; caseNo: string; status: string }> = [];
  private record(kind: string, c: CaseEntity): Promise<void> {
    this.written.push({ kind, caseNo: c.caseNo, status: c.status });
    return Promise.resolve();
  }
  submitted = (_em: EntityManager, c: CaseEntity) => this.record('submitted', c);
  accepted = (_em: EntityManager, c: CaseEntity) => this.record('accepted', c);
  notAccepted = (_em: EntityManager, c: CaseEntity) => this.record('notAccepted', c);
  completed = (_em: EntityManager, c: CaseEntity) => this.record('completed', c);
  supplementRequested = (_em: EntityManager, c: CaseEntity) => this.record('supplementRequested', c);
  supplemented = (_em: EntityManager, c: CaseEntity) => this.record('supplemented', c);
  withdrawn = (_em: EntityManager, c: CaseEntity) => this.record('withdrawn', c);
  refusalProposed = (_em: EntityManager, c: CaseEntity) => this.record('refusalProposed', c);

  asCaseEvents(): CaseEvents {
    return this as unknown as CaseEvents;
  }
  kinds(): string[] {
    return this.written.map((w) => w.kind);
  }
}

/** Records the watch events (clock, overdue decisions, feedback, post-check passed) a use case writes. */
export class FakeCaseWatchEvents {
  readonly written: Array<{ kind: string; caseNo: string; args: unknown[] }> = [];
  private record(kind: string, c: CaseEntity, args: unknown[]): Promise<void> {
    this.written.push({ kind, caseNo: c.caseNo, args });
    return Promise.resolve();
  }
  clockSuspended = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('clockSuspended', c, a);
  clockResumed = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) => this.record('clockResumed', c, a);
  receiptOverdue = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('receiptOverdue', c, a);
  refusalConfirmationOverdue = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('refusalConfirmationOverdue', c, a);
  feedbackRaised = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('feedbackRaised', c, a);
  feedbackAnswered = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('feedbackAnswered', c, a);
  postCheckPassed = (_em: EntityManager, c: CaseEntity, ...a: unknown[]) =>
    this.record('postCheckPassed', c, a);

  asWatchEvents(): CaseWatchEvents {
    return this as unknown as CaseWatchEvents;
  }
  kinds(): string[] {
    return this.written.map((w) => w.kind);
  }
}

/** Counts wake-ups of the outbox relay. */
export class FakeRelay {
  pokes = 0;
  poke(): void {
    this.pokes++;
  }
  asRelay(): OutboxRelay {
    return this as unknown as OutboxRelay;
  }
}
