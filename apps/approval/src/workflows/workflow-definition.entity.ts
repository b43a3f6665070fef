import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StepRole } from '../approvals/entities/approval-case.entity';

/** One step of a workflow definition. */
export interface StepDefinition {
  /** 审批环节 SPHJDM: 1 承办, 2 审核, 3 批准 */
  code: '1' | '2' | '3';
  name: string;
  role: StepRole;
  /** Time limit of the step in working days, from when it becomes current. */
  limitDays: number;
}

/**
 * A version of an item's approval workflow (0–3 steps; 0 = 即办, approved at once by the system).
 * Rows are never changed: a change is a new version. `itemCode` null = the default of `projectType`.
 */
@Entity('workflow_definitions')
export class WorkflowDefinitionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'item_code', type: 'varchar', length: 50, nullable: true }) itemCode!: string | null;
  @Column({ name: 'project_type', type: 'varchar', length: 1, nullable: true }) projectType!: string | null;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'jsonb' }) steps!: StepDefinition[];
  @Column({ name: 'created_by', length: 100 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
