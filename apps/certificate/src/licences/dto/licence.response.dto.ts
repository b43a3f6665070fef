import { ApiProperty } from '@nestjs/swagger';

export class CodeNameView {
  @ApiProperty({ example: '111000000000135652001' }) code!: string;
  @ApiProperty({ example: '食品经营许可证' }) name!: string;
}

export class LicenceHolderView {
  @ApiProperty({ example: '杭州某某餐饮管理有限公司' }) name!: string;
  @ApiProperty({ description: '持证主体代码类型代码', example: '001' }) certType!: string;
  @ApiProperty({ description: 'masked certificate number', example: '91330106MA2H00000X' }) certNo!: string;
}

export class LicenceFileView {
  @ApiProperty({ description: 'SM3 of the PDF (hex)' }) sm3!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
}

export class LicenceSignatureView {
  @ApiProperty({ example: 'SM2-SM3' }) algorithm!: string;
  @ApiProperty({ description: 'signing key id (see GET /keys)' }) kid!: string;
  @ApiProperty({ description: 'SM2 signature (base64 DER)' }) value!: string;
  @ApiProperty({ description: 'SM3 of the canonical JSON of signedData (hex)' }) signedDigest!: string;
  @ApiProperty({ description: 'the exact data signed', type: 'object', additionalProperties: true })
  signedData!: Record<string, unknown>;
}

/** 证照信息: what a department sees of a licence (its query is logged with the purpose). */
export class LicenceView {
  @ApiProperty({ description: '证照标识 (GB/T 36904)' }) licenceId!: string;
  @ApiProperty({ enum: ['ISSUED', 'REVOKED'] }) status!: string;
  @ApiProperty({ example: '001' }) version!: string;
  @ApiProperty({ type: CodeNameView }) type!: CodeNameView;
  @ApiProperty({ type: LicenceHolderView }) holder!: LicenceHolderView;
  @ApiProperty({ type: CodeNameView }) issuer!: CodeNameView;
  @ApiProperty({ format: 'date' }) issueDate!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date', type: String, nullable: true, description: 'null: no end date' })
  validTo!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: '证照照面信息' })
  faceFields!: Record<string, string>;
  @ApiProperty() caseNo!: string;
  @ApiProperty() itemCode!: string;
  @ApiProperty({ type: LicenceFileView }) file!: LicenceFileView;
  @ApiProperty({ type: LicenceSignatureView }) signature!: LicenceSignatureView;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: '注销时间 (REVOKED)' })
  revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '注销原因 (REVOKED)' })
  revocationReason!: string | null;
}
