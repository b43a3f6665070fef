import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Page, paginate, runInTransaction } from '@app/shared/database';
import { DomainError } from '@app/shared/errors';
import { shanghaiCompactDate } from '@app/shared/time';
import { CaseEntity, CaseStatus } from '../../applications/entities/case.entity';
import { IntakeConfig } from '../../config/intake.config';
import { BundleMemberEntity } from '../entities/bundle-member.entity';
import { BundleEntity } from '../entities/bundle.entity';

export const BUNDLE_NOT_FOUND_MESSAGE = '一件事不存在 / Bundle not found';
export const bundleNotFound = (bundleNo: string): DomainError =>
  new DomainError('NOT_FOUND', BUNDLE_NOT_FOUND_MESSAGE, { bundleNo });

/** The one way in and out of the bundle aggregate (bundles, their members, their numbers). */
@Injectable()
export class BundleRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: IntakeConfig,
  ) {}

  inTransaction<T>(em: EntityManager | undefined, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return em ? work(em) : runInTransaction(this.db, work);
  }

  /** 一件事编号 YJS<行政区划 6><yyyyMMdd 8><seq 6>, unique per region. */
  async nextBundleNo(em: EntityManager, now: Date): Promise<string> {
    const region = this.config.REGION_CODE;
    const day = shanghaiCompactDate(now);
    const [{ seq }] = await em.query<Array<{ seq: number }>>(
      `INSERT INTO bundle_no_counters (region, day, seq) VALUES ($1, $2, 1)
       ON CONFLICT (region, day) DO UPDATE SET seq = bundle_no_counters.seq + 1 RETURNING seq`,
      [region, day],
    );
    return `YJS${region}${day}${String(seq).padStart(6, '0')}`;
  }

  /** The next value of the sequence behind assigned 统一社会信用代码. */
  async nextUsccSeq(em: EntityManager): Promise<number> {
    const [{ n }] = await em.query<Array<{ n: string }>>(`SELECT nextval('bundle_uscc_seq') AS n`);
    return Number(n);
  }

  async insert(
    em: EntityManager,
    b: Partial<BundleEntity>,
    members: Array<Partial<BundleMemberEntity>>,
  ): Promise<BundleEntity> {
    const saved = await em.save(em.create(BundleEntity, b));
    saved.members = await em.save(
      members.map((m) => em.create(BundleMemberEntity, { ...m, bundleId: saved.id })),
    );
    return saved;
  }

  /** The bundle locked FOR UPDATE with its members (in definition order). */
  async lock(em: EntityManager, bundleNo: string): Promise<BundleEntity> {
    const b = await em.findOne(BundleEntity, { where: { bundleNo }, lock: { mode: 'pessimistic_write' } });
    if (!b) throw bundleNotFound(bundleNo);
    b.members = await em.find(BundleMemberEntity, { where: { bundleId: b.id }, order: { seq: 'ASC' } });
    return b;
  }

  /** The locked bundle a member case belongs to, or null for a case filed on its own. */
  /** Whether the case is a member of a bundle: one index read, outside any transaction. */
  async hasMember(caseNo: string): Promise<boolean> {
    const [{ member }] = await this.db.query<Array<{ member: boolean }>>(
      'SELECT EXISTS (SELECT 1 FROM bundle_members WHERE case_no = $1) AS member',
      [caseNo],
    );
    return member;
  }

  async lockOfCase(em: EntityManager, caseNo: string): Promise<BundleEntity | null> {
    const m = await em.findOne(BundleMemberEntity, { where: { caseNo } });
    if (!m) return null;
    const [{ bundle_no: bundleNo }] = await em.query<Array<{ bundle_no: string }>>(
      'SELECT bundle_no FROM bundles WHERE id = $1',
      [m.bundleId],
    );
    return this.lock(em, bundleNo);
  }

  save(em: EntityManager, b: BundleEntity): Promise<BundleEntity> {
    const { members: _members, ...row } = b;
    return em.save(BundleEntity, row as BundleEntity);
  }

  saveMember(em: EntityManager, m: BundleMemberEntity): Promise<BundleMemberEntity> {
    return em.save(BundleMemberEntity, m);
  }

  /** Bundle with members, unlocked (reads). */
  async find(bundleNo: string): Promise<BundleEntity | null> {
    const b = await this.db.getRepository(BundleEntity).findOneBy({ bundleNo });
    if (!b) return null;
    b.members = await this.db
      .getRepository(BundleMemberEntity)
      .find({ where: { bundleId: b.id }, order: { seq: 'ASC' } });
    return b;
  }

  /** The bundle an applicant filed with an Idempotency-Key, if any (with its members). */
  async findBySubmission(applicantSub: string, idempotencyKey: string): Promise<BundleEntity | null> {
    const b = await this.db.getRepository(BundleEntity).findOneBy({ applicantSub, idempotencyKey });
    return b ? this.find(b.bundleNo) : null;
  }

  /** The live status of member cases, by 办件编号. */
  async caseStatuses(caseNos: string[], em?: EntityManager): Promise<Map<string, CaseStatus>> {
    if (caseNos.length === 0) return new Map();
    const rows = await (em ?? this.db.manager).find(CaseEntity, {
      select: { caseNo: true, status: true },
      where: { caseNo: In(caseNos) },
    });
    return new Map(rows.map((r) => [r.caseNo, r.status]));
  }

  /** One page of bundles, newest first: an applicant's own, or all (admin). */
  async list<V>(
    scope: { applicantSub: string } | 'all',
    q: { page: number; pageSize: number; status?: string },
    view: (b: BundleEntity) => V,
  ): Promise<Page<V>> {
    const qb = this.db.getRepository(BundleEntity).createQueryBuilder('b');
    if (scope !== 'all') qb.where('b.applicant_sub = :sub', { sub: scope.applicantSub });
    if (q.status) qb.andWhere('b.status = :status', { status: q.status });
    const page = await paginate(qb, q, { by: 'b.submitted_at', direction: 'DESC' }, (b) => b);
    const ids = page.items.map((b) => b.id);
    const members =
      ids.length === 0
        ? []
        : await this.db
            .getRepository(BundleMemberEntity)
            .find({ where: { bundleId: In(ids) }, order: { seq: 'ASC' } });
    return {
      ...page,
      items: page.items.map((b) =>
        view(Object.assign(b, { members: members.filter((m) => m.bundleId === b.id) })),
      ),
    };
  }
}
