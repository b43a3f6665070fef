import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step of a case's timeline (read model), from intake's own actions and the other services' events. */
@Entity('case_timeline')
export class TimelineEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  /** Stable action code, e.g. SUBMITTED, ACCEPTED, APPROVAL_OPENED, STEP_COMPLETED, LICENCE_ISSUED, DONE */
  @Column({ length: 40 }) action!: string;
  @Column({ name: 'title_zh', length: 100 }) titleZh!: string;
  @Column({ name: 'title_en', length: 100 }) titleEn!: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) actor!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: Record<string, unknown>;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  /** The Kafka event that produced this entry (unique: a redelivery cannot add it twice). */
  @Column({ name: 'source_event_id', type: 'uuid', nullable: true, unique: true }) sourceEventId!:
    string | null;
}
