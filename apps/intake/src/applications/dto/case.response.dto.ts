import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_STATUS, CaseEntity, CaseStatus, proStatusOf } from '../entities/case.entity';

export class CaseItemView {
  @ApiProperty({ description: '事项实施编码' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '事项类型 01 行政许可 … 20 公共服务' }) taskType!: string;
  @ApiProperty({ enum: ['1', '2'], description: '办件类型 1 即办件, 2 承诺件' }) projectType!: string;
}

export class DepartmentView {
  @ApiProperty({ description: '部门统一社会信用代码' }) code!: string;
  @ApiProperty() name!: string;
}

export class CaseApplicantView {
  @ApiProperty({ description: '申请人类型' }) userProp!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: '证件类型' }) certType!: string;
  @ApiProperty({ description: '证件号码, masked for natural persons', example: '110105********002X' })
  certNo!: string;
}

export class SubmittedMaterialView {
  @ApiProperty({ example: 'M01' }) code!: string;
  @ApiProperty({ example: '申请书.pdf' }) fileName!: string;
  @ApiPropertyOptional() sha256?: string;
  @ApiPropertyOptional() sizeBytes?: number;
}

export class AcceptanceView {
  @ApiProperty({ description: '受理文书编号' }) acceptDocNo!: string | null;
  @ApiProperty({ format: 'date-time' }) acceptedAt!: string;
  @ApiProperty({ type: String, nullable: true }) acceptedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '承诺办结日期 (Asia/Shanghai)' })
  promiseDate!: string | null;
}

export class DoneView {
  @ApiProperty({ type: String, nullable: true, description: '办结结果 0 出证办结, 1 不予许可, 6 不予受理' })
  doneResult!: string | null;
  @ApiProperty({ format: 'date-time' }) doneAt!: string;
}

/** What the API shows of a case (办件): the applicant's certificate number only masked. */
export class CaseView {
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ enum: Object.values(CASE_STATUS) }) status!: CaseStatus;
  @ApiProperty({ enum: ['1', '2', '3'], description: '1 待受理, 2 已受理, 3 已办结' }) proStatus!: string;
  @ApiProperty({ type: CaseItemView }) item!: CaseItemView;
  @ApiProperty({ type: DepartmentView }) department!: DepartmentView;
  @ApiProperty({ type: CaseApplicantView }) applicant!: CaseApplicantView;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) formData!: Record<
    string,
    string
  >;
  @ApiProperty({ type: [SubmittedMaterialView] }) materials!: SubmittedMaterialView[];
  @ApiProperty({ description: '申报方式' }) submitChannel!: string;
  @ApiProperty({ format: 'date-time' }) submittedAt!: string;
  @ApiProperty({ type: AcceptanceView, nullable: true }) acceptance!: AcceptanceView | null;
  @ApiProperty({ type: String, nullable: true }) notAcceptedReason!: string | null;
  @ApiProperty({ type: DoneView, nullable: true }) done!: DoneView | null;
  @ApiProperty({ type: String, nullable: true, description: '电子证照标识' }) licenceId!: string | null;
  @ApiProperty({ description: 'version of this case record (grows with every change; for long polls)' })
  version!: number;

  static from(c: CaseEntity): CaseView {
    return {
      caseNo: c.caseNo,
      status: c.status,
      proStatus: proStatusOf(c.status),
      item: { code: c.itemCode, name: c.itemName, taskType: c.taskType, projectType: c.projectType },
      department: { code: c.deptCode, name: c.deptName },
      applicant: {
        userProp: c.applicantUserProp,
        name: c.applicantName,
        certType: c.applicantCertType,
        certNo: c.applicantCertMasked,
      },
      formData: c.formData,
      materials: c.materials,
      submitChannel: c.submitChannel,
      submittedAt: c.submittedAt.toISOString(),
      acceptance: c.acceptedAt
        ? {
            acceptDocNo: c.acceptDocNo,
            acceptedAt: c.acceptedAt.toISOString(),
            acceptedBy: c.acceptedBy,
            promiseDate: c.promiseDate,
          }
        : null,
      notAcceptedReason: c.notAcceptedReason,
      done: c.doneAt ? { doneResult: c.doneResult, doneAt: c.doneAt.toISOString() } : null,
      licenceId: c.licenceId,
      version: c.version,
    };
  }
}
