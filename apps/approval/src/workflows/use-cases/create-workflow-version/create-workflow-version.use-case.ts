import { Injectable } from '@nestjs/common';
import { Principal } from '@app/shared/auth';
import { DomainError } from '@app/shared/errors';
import { Clock } from '../../../approvals/clock';
import { STEP_NAMES, workflowProblems } from '../../../approvals/workflow';
import { WorkflowDefinitionView } from '../../dto/workflow.dto';
import { StepDefinition } from '../../workflow-definition.entity';
import { WorkflowDefinitionRepository } from '../../workflow-definition.repository';

export interface CreateWorkflowVersionCommand {
  itemCode: string;
  steps: Array<Pick<StepDefinition, 'code' | 'role' | 'limitDays'>>;
}

/**
 * An admin publishes a new version of an item's workflow. Versions are never changed: cases opened
 * earlier keep the version (and steps) they were opened with.
 */
@Injectable()
export class CreateWorkflowVersionUseCase {
  constructor(
    private readonly workflows: WorkflowDefinitionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(user: Principal, cmd: CreateWorkflowVersionCommand): Promise<WorkflowDefinitionView> {
    const problems = workflowProblems(cmd.steps);
    if (problems.length > 0) {
      throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'steps', problems }]);
    }
    const steps: StepDefinition[] = cmd.steps.map((s) => ({
      code: s.code,
      name: STEP_NAMES[s.code],
      role: s.role,
      limitDays: s.limitDays,
    }));
    const created = await this.workflows.transaction((em) =>
      this.workflows.insertNextVersion(em, {
        itemCode: cmd.itemCode,
        steps,
        createdBy: user.sub,
        createdAt: this.clock.now(),
      }),
    );
    return WorkflowDefinitionView.of(created);
  }
}
