import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Principal, ROLES } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { SubmitApplicationUseCase } from '../applications/use-cases/submit-application/submit-application.use-case';
import { BundleEvents } from './bundle-events';
import { settle } from './bundle-progress';
import { BundleMemberEntity } from './entities/bundle-member.entity';
import { BUNDLE_STATUS, BundleEntity } from './entities/bundle.entity';
import { BundleFiling, DependencyResult, memberApplication } from './member-application';
import { BundleRepository } from './repositories/bundle.repository';

const REASON_MAX = 500;
const clip = (s: string): string => (s.length > REASON_MAX ? `${s.slice(0, REASON_MAX - 1)}…` : s);

/** What a bundle holds for filing its members. */
export function filingOf(b: BundleEntity): BundleFiling {
  return {
    definition: b.definition,
    applicant: {
      userProp: b.applicantUserProp,
      name: b.applicantName,
      certType: b.applicantCertType,
      certNo: b.applicantCertNo,
      phone: b.contactPhone ?? undefined,
    },
    enterprise:
      b.enterpriseUscc && b.enterpriseName ? { uscc: b.enterpriseUscc, name: b.enterpriseName } : null,
    formData: b.formData,
    materials: b.materials,
  };
}

/** The result a member's single dependency produced (null without exactly one dependency). */
export function dependencyResultOf(b: BundleEntity, m: BundleMemberEntity): DependencyResult | null {
  if (m.dependsOn.length !== 1) return null;
  const dep = b.members.find((x) => x.itemCode === m.dependsOn[0]);
  if (!dep?.caseNo) return null;
  return {
    caseNo: dep.caseNo,
    licenceId: dep.licenceId,
    uscc: b.definition.enterprise?.registeredBy === dep.itemCode ? b.enterpriseUscc : null,
  };
}

/** The bundle's applicant as the principal its member cases are filed for (the owner of every member case). */
export const applicantPrincipal = (b: BundleEntity): Principal => ({
  sub: b.applicantSub,
  name: b.applicantName,
  roles: [ROLES.APPLICANT],
  token: '',
});

/**
 * Moves a running bundle on, in the caller's transaction, until nothing more follows (bundle-progress.ts
 * decides what): cancels members that can never start, files the members whose dependencies have their
 * result (each case in its own department, through the ordinary submission), and ends the bundle.
 */
@Injectable()
export class BundleAdvancer {
  constructor(
    private readonly bundles: BundleRepository,
    private readonly events: BundleEvents,
    private readonly submit: SubmitApplicationUseCase,
  ) {}

  /**
   * `strict` (at filing): a member that cannot be filed refuses the whole bundle (nothing is written).
   * Otherwise (a dependency's result arrived later) it is recorded as FAILED with the reason.
   */
  async advance(em: EntityManager, b: BundleEntity, opts: { strict: boolean }): Promise<void> {
    for (let round = 0; round <= b.members.length; round++) {
      if (b.status !== BUNDLE_STATUS.IN_PROGRESS) return;
      const s = settle(
        b.definition,
        b.members.map((m) => ({ taskCode: m.itemCode, outcome: m.outcome, doneResult: m.doneResult })),
      );
      if (s.toStart.length === 0 && s.toCancel.length === 0 && !s.end) return;
      const now = new Date();
      for (const c of s.toCancel) {
        const m = this.member(b, c.taskCode);
        Object.assign(m, { outcome: 'CANCELLED', reason: clip(c.reason), endedAt: now });
        await this.bundles.saveMember(em, m);
      }
      for (const code of s.toStart) await this.start(em, b, this.member(b, code), now, opts.strict);
      if (s.end) {
        Object.assign(b, { status: s.end.state, statusReason: clip(s.end.reason) || null, endedAt: now });
        await this.bundles.save(em, b);
        await this.events.ended(em, b, s.end.state);
      }
    }
  }

  private member(b: BundleEntity, taskCode: string): BundleMemberEntity {
    const m = b.members.find((x) => x.itemCode === taskCode);
    if (!m) throw new Error(`bundle ${b.bundleNo} has no member ${taskCode}`);
    return m;
  }

  private async start(
    em: EntityManager,
    b: BundleEntity,
    m: BundleMemberEntity,
    now: Date,
    strict: boolean,
  ): Promise<void> {
    const dto = memberApplication(filingOf(b), m.itemCode, dependencyResultOf(b, m));
    try {
      const { view } = await this.submit.execute({ user: applicantPrincipal(b), dto }, em);
      Object.assign(m, {
        outcome: 'STARTED',
        caseNo: view.caseNo,
        deptCode: view.department.code,
        deptName: view.department.name,
        startedAt: now,
      });
    } catch (e) {
      if (strict || !(e instanceof DomainError)) {
        throw e instanceof DomainError && e.code === 'VALIDATION_FAILED'
          ? new DomainError(e.code, e.message, { member: m.itemCode, problems: e.details })
          : e;
      }
      Object.assign(m, { outcome: 'FAILED', reason: clip(`${e.code}: ${e.message}`), endedAt: now });
    }
    await this.bundles.saveMember(em, m);
    if (m.outcome === 'STARTED') await this.events.memberStarted(em, b, m);
  }
}
