import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A material a signed commitment replaced: its code and its name in the catalog. */
export interface CommittedMaterial {
  code: string;
  name: string;
}

/**
 * 告知承诺书: the applicant's signed commitment that replaced some materials of a case (告知承诺制). Kept
 * forever: the table refuses UPDATE and DELETE (a trigger), also after a failed post-check revoked the
 * case's result — the commitment is the evidence.
 */
@Entity('case_commitments')
export class CommitmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 告知承诺书编号 CN<办件编号> */
  @Column({ name: 'commitment_no', length: 60, unique: true }) commitmentNo!: string;
  @Column({ name: 'case_no', length: 50, unique: true }) caseNo!: string;
  /** The commitment statement as signed (承诺内容). */
  @Column({ length: 4000 }) statement!: string;
  @Column({ name: 'signer_name', length: 100 }) signerName!: string;
  @Column({ name: 'signed_at', type: 'timestamptz' }) signedAt!: Date;
  @Column({ type: 'jsonb' }) materials!: CommittedMaterial[];
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt!: Date;
}
