import { ApiProperty } from '@nestjs/swagger';
import type { CaseEntity } from '../entities/case.entity';
import type { CommitmentEntity } from '../entities/commitment.entity';
import type { OwedMaterialEntity } from '../entities/owed-material.entity';
import { POST_CHECK_STATUS, PostCheckEntity } from '../entities/post-check.entity';

/** 容缺受理: one owed material. */
export class OwedMaterialView {
  @ApiProperty({ example: 'M03' }) code!: string;
  @ApiProperty({ example: '发票专用章印模' }) name!: string;
  @ApiProperty({ format: 'date', description: '补交期限 (Asia/Shanghai)' }) dueDate!: string;
  @ApiProperty({ enum: ['OWED', 'SUPPLIED', 'OVERDUE'] }) state!: 'OWED' | 'SUPPLIED' | 'OVERDUE';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) suppliedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;

  static from(o: OwedMaterialEntity): OwedMaterialView {
    return {
      code: o.code,
      name: o.name,
      dueDate: o.dueDate,
      state: o.suppliedAt ? 'SUPPLIED' : o.overdueAt ? 'OVERDUE' : 'OWED',
      suppliedAt: o.suppliedAt?.toISOString() ?? null,
      fileName: o.fileName,
    };
  }
}

export class CommittedMaterialView {
  @ApiProperty({ example: 'M04' }) code!: string;
  @ApiProperty({ example: '住所使用证明' }) name!: string;
}

/** 告知承诺书 as signed (kept forever). */
export class CommitmentView {
  @ApiProperty({ description: '告知承诺书编号', example: 'CN33010020261125000001' }) commitmentNo!: string;
  @ApiProperty({ description: '承诺内容' }) statement!: string;
  @ApiProperty() signerName!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ type: [CommittedMaterialView], description: 'the materials the commitment replaced' })
  materials!: CommittedMaterialView[];

  static from(c: CommitmentEntity): CommitmentView {
    return {
      commitmentNo: c.commitmentNo,
      statement: c.statement,
      signerName: c.signerName,
      signedAt: c.signedAt.toISOString(),
      materials: c.materials,
    };
  }
}

/** 事后核查 task of a 告知承诺 case. */
export class PostCheckView {
  @ApiProperty({ description: '核查任务编号', example: 'HC33010020261125000001' }) postCheckNo!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty() commitmentNo!: string;
  @ApiProperty({ description: '部门统一社会信用代码' }) deptCode!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty() itemName!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date', description: '核查期限 (Asia/Shanghai)' }) dueDate!: string;
  @ApiProperty({ enum: Object.values(POST_CHECK_STATUS) }) status!: string;
  @ApiProperty({ description: 'PENDING after its deadline' }) overdue!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '不通过的原因 / remark' }) reason!: string | null;
  @ApiProperty({ type: String, nullable: true }) checkedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) checkedAt!: string | null;

  static from(p: PostCheckEntity, now = new Date()): PostCheckView {
    return {
      postCheckNo: p.postCheckNo,
      caseNo: p.caseNo,
      commitmentNo: p.commitmentNo,
      deptCode: p.deptCode,
      itemCode: p.itemCode,
      itemName: p.itemName,
      applicantName: p.applicantName,
      createdAt: p.createdAt.toISOString(),
      dueDate: p.dueDate,
      status: p.status,
      overdue:
        p.status === POST_CHECK_STATUS.PENDING && (p.overdueAt !== null || p.dueAt.getTime() < now.getTime()),
      reason: p.resultReason,
      checkedBy: p.checkedBy,
      checkedAt: p.checkedAt?.toISOString() ?? null,
    };
  }
}

/** The revocation of a case's result after a failed 事后核查. */
export class ResultRevocationView {
  @ApiProperty({ format: 'date-time' }) revokedAt!: string;
  @ApiProperty() reason!: string;

  static from(c: CaseEntity): ResultRevocationView | null {
    return c.resultRevokedAt
      ? { revokedAt: c.resultRevokedAt.toISOString(), reason: c.resultRevocationReason ?? '' }
      : null;
  }
}
