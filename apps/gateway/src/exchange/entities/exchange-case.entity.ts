import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CaseFacts } from '../mapping/case-facts';

/** What the exchange knows of a case, and the 好差评 服务次数 (serviceNumber) the province gave it. */
@Entity('exchange_cases')
export class ExchangeCaseEntity {
  @PrimaryColumn({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ type: 'jsonb' }) facts!: CaseFacts;
  @Column({ name: 'service_number', type: 'varchar', length: 100, nullable: true })
  serviceNumber!: string | null;
  @Column({ name: 'service_code', type: 'varchar', length: 100, nullable: true }) serviceCode!: string | null;
  @Column({ name: 'service_recorded_at', type: 'timestamptz', nullable: true })
  serviceRecordedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
