import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BUNDLE_MEMBER_OUTCOMES } from '@app/shared/contracts';
import type { CaseStatus } from '../../applications/entities/case.entity';
import { DepartmentView } from '../../applications/dto/case.response.dto';
import { BundleMemberEntity } from '../entities/bundle-member.entity';
import { BUNDLE_STATUS, BundleEntity } from '../entities/bundle.entity';

export class BundleMemberView {
  @ApiProperty({ description: '事项实施编码' }) itemCode!: string;
  @ApiProperty() itemName!: string;
  @ApiProperty({ type: DepartmentView }) department!: DepartmentView;
  @ApiProperty({ type: [String], description: 'members (实施编码) whose result this one needs' })
  dependsOn!: string[];
  @ApiProperty({
    enum: BUNDLE_MEMBER_OUTCOMES,
    description:
      'PENDING (waiting for its dependencies, no case yet), STARTED, COMPLETED, FAILED, WITHDRAWN, CANCELLED (never started)',
  })
  outcome!: string;
  @ApiProperty({ type: String, nullable: true, description: '办件编号 once started' }) caseNo!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the member case’s live status' }) caseStatus!:
    string | null;
  @ApiProperty({ type: String, nullable: true, description: '办结结果 of the member case' }) doneResult!:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: '电子证照标识 (shown to staff only for their own department’s members)',
  })
  licenceId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed or was cancelled' }) reason!:
    string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
}

export class BundleEnterpriseView {
  @ApiProperty({ description: '统一社会信用代码 assigned to the enterprise the bundle registers' })
  uscc!: string;
  @ApiProperty() name!: string;
}

export class BundleApplicantView {
  @ApiProperty() userProp!: string;
  @ApiProperty() name!: string;
  @ApiProperty() certType!: string;
  @ApiProperty({ description: 'masked for natural persons' }) certNo!: string;
}

export class BundleResultView {
  @ApiProperty({ type: [String], description: 'every licence the members yielded (一窗出件)' })
  licenceIds!: string[];
  @ApiProperty({ description: 'members completed / all members' }) completed!: number;
  @ApiProperty() total!: number;
}

export class BundleView {
  @ApiProperty({ description: '一件事编号' }) bundleNo!: string;
  @ApiProperty() definitionCode!: string;
  @ApiProperty() definitionName!: string;
  @ApiProperty({ description: 'the definition version the bundle was filed under' })
  definitionVersion!: number;
  @ApiProperty({ enum: Object.values(BUNDLE_STATUS) }) status!: string;
  @ApiProperty({ type: String, nullable: true }) statusReason!: string | null;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) endedAt!: string | null;
  @ApiProperty({ type: BundleEnterpriseView, nullable: true }) enterprise!: BundleEnterpriseView | null;
  @ApiPropertyOptional({ type: BundleApplicantView, description: 'the applicant’s and admins’ view only' })
  applicant?: BundleApplicantView;
  @ApiProperty({ type: [BundleMemberView] }) members!: BundleMemberView[];
  @ApiProperty({
    type: BundleResultView,
    nullable: true,
    description: 'the combined result (all licences) once every member has ended',
  })
  result!: BundleResultView | null;
  @ApiProperty({ enum: ['FULL', 'LIMITED'], description: 'LIMITED: staff of a member department' }) view!:
    'FULL' | 'LIMITED';

  /** `full`: the applicant / admin; otherwise staff of `staffDept` (licences of other departments hidden). */
  static from(
    b: BundleEntity,
    caseStatuses: ReadonlyMap<string, CaseStatus>,
    who: { full: true } | { full: false; staffDept: string },
  ): BundleView {
    const member = (m: BundleMemberEntity): BundleMemberView => ({
      itemCode: m.itemCode,
      itemName: m.itemName,
      department: { code: m.deptCode, name: m.deptName },
      dependsOn: m.dependsOn,
      outcome: m.outcome,
      caseNo: m.caseNo,
      caseStatus: m.caseNo ? (caseStatuses.get(m.caseNo) ?? null) : null,
      doneResult: m.doneResult,
      licenceId: who.full || who.staffDept === m.deptCode ? m.licenceId : null,
      reason: m.reason,
      startedAt: m.startedAt?.toISOString() ?? null,
      endedAt: m.endedAt?.toISOString() ?? null,
    });
    const ended = b.status !== BUNDLE_STATUS.IN_PROGRESS && b.members.every((m) => m.outcome !== 'STARTED');
    const licenceIds = b.members.flatMap((m) => (m.licenceId ? [m.licenceId] : []));
    return {
      bundleNo: b.bundleNo,
      definitionCode: b.definitionCode,
      definitionName: b.definitionName,
      definitionVersion: b.definitionVersion,
      status: b.status,
      statusReason: b.statusReason,
      submittedAt: b.submittedAt.toISOString(),
      endedAt: b.endedAt?.toISOString() ?? null,
      enterprise:
        b.enterpriseUscc && b.enterpriseName ? { uscc: b.enterpriseUscc, name: b.enterpriseName } : null,
      ...(who.full
        ? {
            applicant: {
              userProp: b.applicantUserProp,
              name: b.applicantName,
              certType: b.applicantCertType,
              certNo: b.applicantCertMasked,
            },
          }
        : {}),
      members: b.members.map(member),
      result:
        ended && who.full
          ? {
              licenceIds,
              completed: b.members.filter((m) => m.outcome === 'COMPLETED').length,
              total: b.members.length,
            }
          : null,
      view: who.full ? 'FULL' : 'LIMITED',
    };
  }
}
