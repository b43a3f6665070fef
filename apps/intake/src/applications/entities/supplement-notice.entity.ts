import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One material named in a 补正 notice: its code, its name in the catalog, and what is wrong with it. */
export interface NoticeMaterial {
  code: string;
  name: string;
  reason: string;
}

/**
 * 补正告知书 (一次性告知): one notice lists every missing or defective material of a case at once. Numbered
 * `BZ<办件编号>-<seq>`; `suppliedAt` is set when the applicant brought everything it names.
 */
@Entity('supplement_notices')
export class SupplementNoticeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** 一次性告知书编号 BZ<caseNo>-<seq> */
  @Column({ name: 'notice_no', length: 60, unique: true }) noticeNo!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** 1 for the case's first notice, 2 for the second … (unique per case) */
  @Column({ type: 'int' }) seq!: number;
  @Column({ type: 'jsonb' }) materials!: NoticeMaterial[];
  @Column({ type: 'varchar', length: 500, nullable: true }) remark!: string | null;
  @Column({ name: 'issued_by', length: 100 }) issuedBy!: string;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  /** Last day to supply (Asia/Shanghai), and its end as an instant. */
  @Column({ name: 'due_date', type: 'date' }) dueDate!: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt!: Date;
  @Column({ name: 'supplied_at', type: 'timestamptz', nullable: true }) suppliedAt!: Date | null;
  /** The material codes the supplement brought (what a further notice may name). */
  @Column({ name: 'supplied_materials', type: 'jsonb', nullable: true }) suppliedMaterials!: string[] | null;
}
