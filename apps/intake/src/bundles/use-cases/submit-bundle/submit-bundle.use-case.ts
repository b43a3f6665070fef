import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { USER_PROP_CODES } from '@app/shared/codes';
import { DomainError } from '@app/shared/errors';
import { requestHash } from '@app/shared/http';
import { keyedHash } from '@app/shared/identifiers';
import { OutboxRelay } from '@app/shared/kafka';
import {
  checkApplicant,
  checkForm,
  preReviewNeeded,
} from '../../../applications/use-cases/submit-application/submission-rules';
import { ServiceItemEntity } from '../../../catalog/entities/service-item.entity';
import { IntakeConfig } from '../../../config/intake.config';
import { BundleAdvancer } from '../../bundle-advancer';
import { BundleDefinitionSpec } from '../../bundle-definition';
import { BundleEvents } from '../../bundle-events';
import { bundleDefinitionProblems } from '../../bundle-rules';
import { BundleCatalog } from '../../bundle-catalog';
import { BundleView } from '../../dto/bundle.response.dto';
import { SubmitBundleDto } from '../../dto/submit-bundle.request.dto';
import { enterpriseUscc } from '../../enterprise-uscc';
import { BundleMemberEntity } from '../../entities/bundle-member.entity';
import { BUNDLE_STATUS } from '../../entities/bundle.entity';
import { BundleFiling, DependencyResult, memberApplication } from '../../member-application';
import { BundleRepository } from '../../repositories/bundle.repository';

export interface SubmitBundleCommand {
  user: Principal;
  dto: SubmitBundleDto;
  /** The client's Idempotency-Key, already parsed. */
  idempotencyKey?: string;
}

export interface SubmitBundleResult {
  view: BundleView;
  /** True when an earlier filing with the same key is returned instead of a new bundle. */
  replayed: boolean;
}

/** A valid (check characters hold) but never assigned USCC: stands in for the enterprise's while checking forms. */
const PLACEHOLDER_USCC = enterpriseUscc('000000', 1);

/**
 * 一件事 application: checks the ONE form and every member's application derived from it (so bad input
 * is refused now, not when a dependency's result arrives), then in ONE transaction numbers the bundle,
 * assigns the 统一社会信用代码 of the enterprise it registers (企业开办), stores it with its members, files
 * at once every member without a dependency (each case in its own department, with its own events) and
 * publishes intake.bundle.submitted and a member-started per filed member. With an Idempotency-Key a
 * retry returns the bundle the first call filed (`replayed: true`): one enterprise, one set of cases.
 */
@Injectable()
export class SubmitBundleUseCase {
  constructor(
    private readonly bundles: BundleRepository,
    private readonly catalog: BundleCatalog,
    private readonly advancer: BundleAdvancer,
    private readonly events: BundleEvents,
    private readonly relay: OutboxRelay,
    private readonly config: IntakeConfig,
  ) {}

  async execute({ user, dto, idempotencyKey }: SubmitBundleCommand): Promise<SubmitBundleResult> {
    const hash = idempotencyKey ? requestHash(dto) : null;
    if (idempotencyKey && hash) {
      const earlier = await this.earlierFiling(user, idempotencyKey, hash);
      if (earlier) return { view: earlier, replayed: true };
    }
    try {
      return { view: await this.file(user, dto, idempotencyKey ?? null, hash), replayed: false };
    } catch (e) {
      // Two requests with one key at the same time: the loser waited on the unique index and failed.
      const constraint = (e as { driverError?: { constraint?: string } }).driverError?.constraint;
      if (idempotencyKey && hash && constraint === 'bundles_idempotency_uq') {
        const earlier = await this.earlierFiling(user, idempotencyKey, hash);
        if (earlier) return { view: earlier, replayed: true };
      }
      throw e;
    }
  }

  /** The bundle an earlier call with this key filed; IDEMPOTENCY_KEY_REUSED when its body differed. */
  private async earlierFiling(user: Principal, key: string, hash: string): Promise<BundleView | undefined> {
    const earlier = await this.bundles.findBySubmission(user.sub, key);
    if (!earlier) return undefined;
    if (earlier.requestHash !== hash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', undefined, { bundleNo: earlier.bundleNo });
    }
    const statuses = await this.bundles.caseStatuses(
      earlier.members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])),
    );
    return BundleView.from(earlier, statuses, { full: true });
  }

  private async file(
    user: Principal,
    dto: SubmitBundleDto,
    idempotencyKey: string | null,
    hash: string | null,
  ): Promise<BundleView> {
    const defRow = await this.catalog.definition(dto.definitionCode);
    const def = BundleCatalog.spec(defRow);
    const items = await this.catalog.publishedItems(def);
    const drift = bundleDefinitionProblems(def, items);
    if (drift.length > 0) {
      throw new DomainError(
        'INVALID_STATE',
        '一件事定义与当前事项目录不一致, 暂不能申请 / The bundle definition no longer matches the catalog',
        drift,
      );
    }
    checkBundleForm(def, dto);
    // Who files: any applicant type; the ID is checked by its type (check characters, masking).
    const allTypes = { serverTypes: [...USER_PROP_CODES] } as unknown as ServiceItemEntity;
    const cert = checkApplicant(dto.applicant, allTypes);
    const filing: BundleFiling = {
      definition: def,
      applicant: { ...dto.applicant, certNo: cert.certNo },
      enterprise: def.enterprise
        ? { uscc: PLACEHOLDER_USCC, name: dto.formData[def.enterprise.nameField] ?? '' }
        : null,
      formData: dto.formData,
      materials: dto.materials,
    };
    checkMembers(filing, items);

    const view = await this.bundles.inTransaction(undefined, async (em) => {
      const now = new Date();
      const bundleNo = await this.bundles.nextBundleNo(em, now);
      const uscc = def.enterprise
        ? enterpriseUscc(this.config.REGION_CODE, await this.bundles.nextUsccSeq(em))
        : null;
      const b = await this.bundles.insert(
        em,
        {
          bundleNo,
          definitionCode: defRow.code,
          definitionName: defRow.name,
          definitionVersion: defRow.version,
          definition: def,
          applicantSub: user.sub,
          applicantUserProp: dto.applicant.userProp,
          applicantName: dto.applicant.name,
          applicantCertType: dto.applicant.certType,
          applicantCertNo: cert.certNo,
          applicantCertMasked: cert.masked,
          applicantCertHash: keyedHash(this.config.PII_HASH_KEY, cert.certNo),
          contactPhone: dto.applicant.phone ?? null,
          enterpriseUscc: uscc,
          enterpriseName: def.enterprise ? dto.formData[def.enterprise.nameField] : null,
          formData: dto.formData,
          materials: dto.materials,
          submitChannel: '1',
          status: BUNDLE_STATUS.IN_PROGRESS,
          statusReason: null,
          submittedAt: now,
          endedAt: null,
          idempotencyKey,
          requestHash: hash,
        },
        def.members.map((m, seq): Partial<BundleMemberEntity> => ({
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
        })),
      );
      await this.events.submitted(em, b);
      await this.advancer.advance(em, b, { strict: true });
      const statuses = await this.bundles.caseStatuses(
        b.members.flatMap((m) => (m.caseNo ? [m.caseNo] : [])),
        em,
      );
      return BundleView.from(b, statuses, { full: true });
    });
    this.relay.poke();
    return view;
  }
}

/** The bundle form against its definition: unknown and missing fields, unknown and missing materials. */
export function checkBundleForm(
  def: BundleDefinitionSpec,
  dto: Pick<SubmitBundleDto, 'formData' | 'materials'>,
): void {
  const problems: Array<{ field: string; problems: string[] }> = [];
  const known = new Set(def.formFields.map((f) => f.key));
  for (const k of Object.keys(dto.formData)) {
    if (!known.has(k)) {
      problems.push({
        field: `formData.${k}`,
        problems: ['一件事表单无此项 / unknown field of this bundle'],
      });
    }
  }
  for (const f of def.formFields) {
    const v = dto.formData[f.key];
    if (f.required && (typeof v !== 'string' || v.trim() === '')) {
      problems.push({ field: `formData.${f.key}`, problems: [`${f.label} 必填 / required`] });
    }
  }
  const codes = new Set(def.materials.map((m) => m.code));
  const seen = new Set<string>();
  for (const m of dto.materials) {
    if (!codes.has(m.code)) {
      problems.push({
        field: `materials.${m.code}`,
        problems: ['一件事无此材料 / unknown material of this bundle'],
      });
    }
    if (seen.has(m.code)) {
      problems.push({ field: `materials.${m.code}`, problems: ['材料重复 / given twice'] });
    }
    seen.add(m.code);
  }
  if (problems.length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
  const missing = def.materials.filter((m) => m.required && !seen.has(m.code));
  if (missing.length > 0) {
    throw new DomainError('MATERIALS_INCOMPLETE', undefined, {
      missing: missing.map(({ code, name }) => ({ code, name })),
    });
  }
}

/**
 * Every member's application as it will be filed (dependents with a stand-in for their dependency's
 * result) checked like a single application: applicant type served, ID, form fields, materials.
 */
function checkMembers(filing: BundleFiling, items: ReadonlyMap<string, ServiceItemEntity>): void {
  for (const m of filing.definition.members) {
    const item = items.get(m.taskCode)!;
    const stand: DependencyResult | null =
      m.dependsOn.length === 1
        ? {
            caseNo: 'PLACEHOLDER',
            licenceId: 'PLACEHOLDER',
            uscc: filing.definition.enterprise?.registeredBy === m.dependsOn[0] ? PLACEHOLDER_USCC : null,
          }
        : null;
    const dto = memberApplication(filing, m.taskCode, stand);
    try {
      checkApplicant(dto.applicant, item);
      // A member lacking materials is filed like any online application: its 预审 names them.
      preReviewNeeded(dto, item, checkForm(dto, item));
    } catch (e) {
      if (e instanceof DomainError && e.code === 'VALIDATION_FAILED') {
        throw new DomainError(e.code, e.message, { member: m.taskCode, problems: e.details });
      }
      throw e;
    }
  }
}
