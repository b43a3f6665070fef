import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { readFirstWhere, runInTransaction } from '@app/shared/database';
import { StepDefinition, WorkflowDefinitionEntity } from './workflow-definition.entity';

/** Workflow definitions: append-only versions per item, plus the defaults per 办件类型. */
@Injectable()
export class WorkflowDefinitionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, work);
  }

  /** The latest version of the item's workflow; without one, the latest default of the project type. */
  resolve(
    em: EntityManager,
    itemCode: string,
    projectType: string,
  ): Promise<WorkflowDefinitionEntity | null> {
    // The item's own versions sort before the defaults (`item_code IS NULL` is false for them): one statement.
    return readFirstWhere(
      em,
      WorkflowDefinitionEntity,
      'item_code = $1 OR (item_code IS NULL AND project_type = $2)',
      'item_code IS NULL, version DESC',
      [itemCode, projectType],
    );
  }

  /** Every version of the item's workflow, newest first. */
  versionsOf(itemCode: string): Promise<WorkflowDefinitionEntity[]> {
    return this.db
      .getRepository(WorkflowDefinitionEntity)
      .find({ where: { itemCode }, order: { version: 'DESC' } });
  }

  /** The defaults per 办件类型 (latest version of each). */
  async defaults(): Promise<WorkflowDefinitionEntity[]> {
    const rows = await this.db
      .getRepository(WorkflowDefinitionEntity)
      .find({ where: { itemCode: IsNull() }, order: { projectType: 'ASC', version: 'DESC' } });
    return rows.filter((r, i) => i === 0 || rows[i - 1].projectType !== r.projectType);
  }

  /** Inserts the next version of the item's workflow (serialised per item by an advisory lock). */
  async insertNextVersion(
    em: EntityManager,
    values: { itemCode: string; steps: StepDefinition[]; createdBy: string; createdAt: Date },
  ): Promise<WorkflowDefinitionEntity> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('workflow_definitions:' || $1))`, [
      values.itemCode,
    ]);
    const rows = await em.query<Array<{ v: number }>>(
      `SELECT coalesce(max(version), 0)::int AS v FROM workflow_definitions WHERE item_code = $1`,
      [values.itemCode],
    );
    return em.save(
      Object.assign(new WorkflowDefinitionEntity(), {
        ...values,
        projectType: null,
        version: rows[0].v + 1,
      }),
    );
  }
}
