import { EntityManager } from 'typeorm';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { CreateItemDto } from '../dto/item.request.dto';
import { ServiceItemEntity } from '../entities/service-item.entity';
import { ItemElements } from '../item-rules';
import { AuditAppend, ServiceItemRepository } from '../repositories/service-item.repository';

export const SCJG = '113301000024901620';
export const TASK_CODE = `${SCJG}000111299000001`;

/** Consistent elements of a 承诺件 that yields a licence (every rule holds). */
export function elements(over: Partial<ItemElements> = {}): ItemElements {
  return {
    catalogCode: '000111299000',
    name: '测试许可',
    taskType: '01',
    deptCode: SCJG,
    deptName: '杭州市市场监督管理局',
    legalLimit: 20,
    legalUnit: '1',
    promiseLimit: 5,
    promiseUnit: '1',
    projectType: '2',
    visitCount: 0,
    serverTypes: ['2'],
    materials: [
      {
        code: 'M01',
        name: '申请书',
        required: true,
        format: '电子',
        source: '申请人自备',
        key: true,
        deferrable: false,
        deferDays: null,
        commitmentAllowed: false,
      },
      {
        code: 'M02',
        name: '场所证明',
        required: true,
        format: '电子',
        source: '申请人自备',
        key: false,
        deferrable: true,
        deferDays: 5,
        commitmentAllowed: false,
      },
    ],
    formFields: [{ key: 'premises', label: '经营场所', required: true, onLicence: true }],
    yieldsLicence: true,
    licenceTypeCode: '111000000000135652001',
    licenceTypeName: '测试许可证',
    licenceValidYears: 5,
    legalBasis: '《测试条例》第一条',
    onlineDepth: '4',
    visitReason: null,
    supplementLimit: 1,
    supplementDays: 10,
    postCheckDays: null,
    owedOverdueResult: '5',
    ...over,
  };
}

/** The request body that produces `elements()`. */
export function createDto(over: Partial<CreateItemDto> = {}): CreateItemDto {
  const e = elements();
  return Object.assign(new CreateItemDto(), {
    taskCode: TASK_CODE,
    ...e,
    legalLimit: { value: e.legalLimit, unit: e.legalUnit },
    promiseLimit: { value: e.promiseLimit, unit: e.promiseUnit },
    ...over,
  });
}

export function aVersion(over: Partial<ServiceItemEntity> = {}): ServiceItemEntity {
  return Object.assign(new ServiceItemEntity(), {
    ...elements(),
    id: `item-v${over.itemVersion ?? 1}`,
    taskCode: TASK_CODE,
    itemVersion: 1,
    status: '2',
    publishedAt: new Date('2026-01-05T02:00:00Z'),
    createdAt: new Date('2026-01-05T01:00:00Z'),
    updatedAt: new Date('2026-01-05T01:00:00Z'),
    ...over,
  });
}

export const admin = (over: Partial<Principal> = {}): Principal => ({
  sub: 'admin-1',
  name: '管理员',
  roles: ['admin'],
  token: 't',
  ...over,
});

const EM = {} as EntityManager;

/** In-memory versions of one or more items, recording saves and audit entries. */
export class FakeItemRepository {
  readonly audits: AuditAppend[] = [];
  readonly saved: ServiceItemEntity[] = [];
  locks: string[] = [];

  constructor(public stored: ServiceItemEntity[] = []) {}

  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return work(em ?? EM);
  }

  lockVersions(_em: EntityManager, taskCode: string): Promise<ServiceItemEntity[]> {
    this.locks.push(taskCode);
    return Promise.resolve(
      this.stored.filter((v) => v.taskCode === taskCode).sort((a, b) => a.itemVersion - b.itemVersion),
    );
  }

  insert(_em: EntityManager, values: Partial<ServiceItemEntity>): Promise<ServiceItemEntity> {
    const clash = this.stored.some(
      (v) => v.taskCode === values.taskCode && v.itemVersion === values.itemVersion,
    );
    if (clash) return Promise.reject(new DomainError('INVALID_STATE', 'duplicate version in the fake'));
    const now = new Date('2026-02-02T02:00:00Z');
    const item = Object.assign(new ServiceItemEntity(), {
      ...values,
      id: `item-v${values.itemVersion}`,
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    this.stored.push(item);
    return Promise.resolve(item);
  }

  save(_em: EntityManager, item: ServiceItemEntity): Promise<ServiceItemEntity> {
    this.saved.push({ ...item });
    return Promise.resolve(item);
  }

  audit(_em: EntityManager, a: AuditAppend): Promise<void> {
    this.audits.push(a);
    return Promise.resolve();
  }

  asRepository(): ServiceItemRepository {
    return this as unknown as ServiceItemRepository;
  }

  actions(): string[] {
    return this.audits.map((a) => `${a.action} v${a.item.itemVersion}`);
  }
}

/** The error code a promise rejects with, or 'OK'. */
export const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return (e as DomainError).code;
  }
};

/** The rule ids a promise's VALIDATION_FAILED lists. */
export const rulesOf = async (p: Promise<unknown>): Promise<string[]> => {
  try {
    await p;
    return [];
  } catch (e) {
    return ((e as DomainError).details as Array<{ rule: string }>).map((d) => d.rule);
  }
};
