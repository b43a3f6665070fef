import { Injectable } from '@nestjs/common';
import { WorkflowDefinitionView, WorkflowVersionsView } from '../../dto/workflow.dto';
import { WorkflowDefinitionRepository } from '../../workflow-definition.repository';

/** The versions of an item's workflow, and the defaults that apply while it has none. */
@Injectable()
export class WorkflowQueries {
  constructor(private readonly workflows: WorkflowDefinitionRepository) {}

  async versions(itemCode: string): Promise<WorkflowVersionsView> {
    const [versions, defaults] = await Promise.all([
      this.workflows.versionsOf(itemCode),
      this.workflows.defaults(),
    ]);
    return {
      itemCode,
      versions: versions.map((d) => WorkflowDefinitionView.of(d)),
      defaults: defaults.map((d) => WorkflowDefinitionView.of(d)),
    };
  }
}
