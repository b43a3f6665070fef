import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 用证记录: every query, download or verification of a licence, with its stated purpose. */
@Entity('licence_usage')
export class LicenceUsageEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'licence_id', length: 120 }) licenceId!: string;
  /** QUERY | DOWNLOAD | VERIFY_QR | VERIFY_FILE | VERIFY_DATA | DOWNLOAD_URL */
  @Column({ length: 20 }) action!: string;
  @Column({ name: 'requester_sub', length: 100 }) requesterSub!: string;
  @Column({ name: 'requester_dept', type: 'varchar', length: 18, nullable: true }) requesterDept!:
    string | null;
  @Column({ length: 200 }) purpose!: string;
  @Column({ length: 40 }) result!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}
