import { EntityManager } from 'typeorm';
import type { SubmitApplicationUseCase } from '../../applications/use-cases/submit-application/submit-application.use-case';
import type { SubmitApplicationDto } from '../../applications/dto/submit-application.request.dto';
import { DomainError } from '@app/shared/errors';
import { ServiceItemEntity } from '../../catalog/entities/service-item.entity';
import { ENTERPRISE_SETUP_V2, NEW_ITEMS } from '../../catalog/seed-catalog-rules';
import { SEED_ITEMS, taskCodeOf } from '../../catalog/seed-items';
import type { BundleEvents } from '../bundle-events';
import { BundleMemberEntity } from '../entities/bundle-member.entity';
import { BUNDLE_STATUS, BundleEntity } from '../entities/bundle.entity';
import type { BundleRepository } from '../repositories/bundle.repository';
import { bundleNotFound } from '../repositories/bundle.repository';
import { ENTERPRISE_OPENING } from '../seed-bundles';

/** The published items the 企业开办 definition names, as the migrations seed them. */
export function seededItems(): Map<string, ServiceItemEntity> {
  const all: Array<Partial<ServiceItemEntity> & { taskCode: string }> = [
    ...SEED_ITEMS.filter((s) => s.name !== '企业设立登记').map(({ licence, materials, ...s }) => ({
      ...s,
      taskCode: taskCodeOf(s),
      yieldsLicence: licence !== null,
      materials: materials.map((x) => ({
        ...x,
        key: true,
        deferrable: false,
        deferDays: null,
        commitmentAllowed: false,
      })),
    })),
    ENTERPRISE_SETUP_V2,
    ...NEW_ITEMS,
  ];
  return new Map(all.map((it) => [it.taskCode, Object.assign(new ServiceItemEntity(), it, { status: '2' })]));
}

/** A running 企业开办 bundle with every member PENDING. */
export function aBundle(over: Partial<BundleEntity> = {}): BundleEntity {
  const items = seededItems();
  const b = Object.assign(new BundleEntity(), {
    id: 'b-1',
    bundleNo: 'YJS33010020261126000001',
    definitionCode: ENTERPRISE_OPENING.code,
    definitionName: ENTERPRISE_OPENING.name,
    definitionVersion: 1,
    definition: ENTERPRISE_OPENING,
    applicantSub: 'founder-1',
    applicantUserProp: '1',
    applicantName: '张三',
    applicantCertType: '111',
    applicantCertNo: '11010519491231002X',
    applicantCertMasked: '110105********002X',
    applicantCertHash: 'a'.repeat(64),
    contactPhone: null,
    enterpriseUscc: '913301000000000196',
    enterpriseName: '杭州一网通办科技有限公司',
    formData: {},
    materials: [],
    submitChannel: '1',
    status: BUNDLE_STATUS.IN_PROGRESS,
    statusReason: null,
    submittedAt: new Date('2026-11-26T01:00:00Z'),
    endedAt: null,
    ...over,
  });
  b.members ??= ENTERPRISE_OPENING.members.map((m, seq) =>
    Object.assign(new BundleMemberEntity(), {
      id: `m-${seq}`,
      bundleId: b.id,
      seq,
      itemCode: m.taskCode,
      itemName: items.get(m.taskCode)!.name,
      deptCode: items.get(m.taskCode)!.deptCode,
      deptName: items.get(m.taskCode)!.deptName,
      dependsOn: m.dependsOn,
      outcome: 'PENDING',
      caseNo: null,
      doneResult: null,
      licenceId: null,
      reason: null,
      startedAt: null,
      endedAt: null,
    }),
  );
  return b;
}

export const EM = {
  create: (cls: new () => object, values: object): object => Object.assign(new cls(), values),
} as unknown as EntityManager;

/** BundleRepository over one stored bundle, recording saves. */
export class FakeBundleRepository {
  readonly savedMembers: BundleMemberEntity[] = [];
  saves = 0;
  transactions = 0;
  constructor(
    public stored: BundleEntity | null,
    public statuses = new Map<string, string>(),
  ) {}

  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    if (!em) this.transactions++;
    return work(em ?? EM);
  }
  nextBundleNo(): Promise<string> {
    return Promise.resolve('YJS33010020261126000009');
  }
  nextUsccSeq(): Promise<number> {
    return Promise.resolve(7);
  }
  insert(
    _em: EntityManager,
    b: Partial<BundleEntity>,
    members: Array<Partial<BundleMemberEntity>>,
  ): Promise<BundleEntity> {
    this.stored = Object.assign(new BundleEntity(), b, {
      id: 'b-new',
      members: members.map((m, i) =>
        Object.assign(new BundleMemberEntity(), m, { id: `m-${i}`, bundleId: 'b-new' }),
      ),
    });
    return Promise.resolve(this.stored);
  }
  findBySubmission(applicantSub: string, key: string): Promise<BundleEntity | null> {
    const b = this.stored;
    return Promise.resolve(b && b.applicantSub === applicantSub && b.idempotencyKey === key ? b : null);
  }
  lock(_em: EntityManager, bundleNo: string): Promise<BundleEntity> {
    return this.stored ? Promise.resolve(this.stored) : Promise.reject(bundleNotFound(bundleNo));
  }
  lockOfCase(_em: EntityManager, caseNo: string): Promise<BundleEntity | null> {
    return Promise.resolve(this.stored?.members.some((m) => m.caseNo === caseNo) ? this.stored : null);
  }
  save(_em: EntityManager, b: BundleEntity): Promise<BundleEntity> {
    this.saves++;
    return Promise.resolve(b);
  }
  saveMember(_em: EntityManager, m: BundleMemberEntity): Promise<BundleMemberEntity> {
    this.savedMembers.push({ ...m });
    return Promise.resolve(m);
  }
  caseStatuses(caseNos: string[]): Promise<Map<string, string>> {
    return Promise.resolve(new Map(caseNos.map((c) => [c, this.statuses.get(c) ?? 'SUBMITTED'])));
  }
  asRepository(): BundleRepository {
    return this as unknown as BundleRepository;
  }
}

/** Records bundle events by kind. */
export class FakeBundleEvents {
  readonly written: string[] = [];
  submitted = () => this.push('submitted');
  memberStarted = (_em: EntityManager, _b: BundleEntity, m: BundleMemberEntity) =>
    this.push(`started:${m.itemCode}`);
  ended = (_em: EntityManager, _b: BundleEntity, state: string) => this.push(`ended:${state}`);
  private push(kind: string): Promise<void> {
    this.written.push(kind);
    return Promise.resolve();
  }
  asEvents(): BundleEvents {
    return this as unknown as BundleEvents;
  }
}

/** Files member cases in memory: numbered cases in the item's department, or a refusal for `refuse` items. */
export class FakeSubmit {
  readonly filed: SubmitApplicationDto[] = [];
  readonly refuse = new Set<string>();
  constructor(private readonly items = seededItems()) {}
  execute({
    dto,
  }: {
    dto: SubmitApplicationDto;
  }): Promise<{ view: { caseNo: string; department: { code: string; name: string } } }> {
    if (this.refuse.has(dto.itemCode)) {
      return Promise.reject(new DomainError('MATERIALS_INCOMPLETE', undefined, { missing: [] }));
    }
    this.filed.push(dto);
    const item = this.items.get(dto.itemCode)!;
    return Promise.resolve({
      view: {
        caseNo: `33010020261126${String(this.filed.length).padStart(6, '0')}`,
        department: { code: item.deptCode, name: item.deptName },
      },
    });
  }
  asUseCase(): SubmitApplicationUseCase {
    return this as unknown as SubmitApplicationUseCase;
  }
}
