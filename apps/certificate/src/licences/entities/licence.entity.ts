import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LICENCE_STATUS = { ISSUED: 'ISSUED', REVOKED: 'REVOKED' } as const;

/** 电子证照: one row per identifier (a new version is a new row). The file and its signature are kept. */
@Entity('licences')
export class LicenceEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 证照标识 GB/T 36904 */
  @Column({ name: 'licence_id', length: 120, unique: true }) licenceId!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'item_code', length: 36 }) itemCode!: string;
  @Column({ name: 'type_code', length: 21 }) typeCode!: string;
  @Column({ name: 'type_name', length: 100 }) typeName!: string;
  @Column({ length: 40 }) serial!: string;
  @Column({ length: 3 }) version!: string;
  @Column({ name: 'holder_name', length: 200 }) holderName!: string;
  @Column({ name: 'holder_cert_type', length: 3 }) holderCertType!: string;
  @Column({ name: 'holder_cert_masked', length: 64 }) holderCertMasked!: string;
  @Column({ name: 'holder_cert_hash', length: 64 }) holderCertHash!: string;
  @Column({ name: 'holder_user_prop', length: 1 }) holderUserProp!: string;
  @Column({ name: 'issuer_code', length: 18 }) issuerCode!: string;
  @Column({ name: 'issuer_name', length: 100 }) issuerName!: string;
  @Column({ name: 'issue_date', type: 'date' }) issueDate!: string;
  @Column({ name: 'valid_from', type: 'date' }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'date', nullable: true }) validTo!: string | null;
  @Column({ name: 'face_fields', type: 'jsonb' }) faceFields!: Record<string, string>;
  @Column({ type: 'bytea', select: false }) file!: Buffer;
  @Column({ name: 'file_sm3', length: 64 }) fileSm3!: string;
  /** The exact data the signature covers (canonical JSON of it is signed). */
  @Column({ name: 'signed_data', type: 'jsonb' }) signedData!: Record<string, unknown>;
  @Column({ length: 200 }) signature!: string;
  @Column({ name: 'signed_digest', length: 64 }) signedDigest!: string;
  @Column({ length: 40 }) kid!: string;
  @Column({ name: 'qr_token', length: 400 }) qrToken!: string;
  @Column({ length: 10 }) status!: string;
  /** 注销: when and why the licence was revoked (a failed 事后核查 of a 告知承诺 case); null while valid. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revocation_reason', type: 'varchar', length: 1000, nullable: true }) revocationReason!:
    string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
