import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const FEEDBACK_STATUS = { OPEN: 'OPEN', ANSWERED: 'ANSWERED' } as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUS)[keyof typeof FEEDBACK_STATUS];

/**
 * "办不成事" 反映: the applicant's written feedback on a case, a work item for the chief of the case's
 * department (首问负责), answered in writing. At most one OPEN item per case.
 */
@Entity('case_feedback')
export class CaseFeedbackEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'case_no', length: 50 }) caseNo!: string;
  @Column({ name: 'dept_code', length: 18 }) deptCode!: string;
  @Column({ length: 500 }) reason!: string;
  @Column({ name: 'raised_by', length: 100 }) raisedBy!: string;
  @Column({ name: 'raised_at', type: 'timestamptz' }) raisedAt!: Date;
  @Column({ type: 'varchar', length: 1000, nullable: true }) answer!: string | null;
  @Column({ name: 'answered_by', type: 'varchar', length: 100, nullable: true }) answeredBy!: string | null;
  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true }) answeredAt!: Date | null;
  @Column({ length: 10 }) status!: FeedbackStatus;
}
