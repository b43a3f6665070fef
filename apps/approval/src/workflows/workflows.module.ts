import { Module } from '@nestjs/common';
import { CreateWorkflowVersionUseCase } from './use-cases/create-workflow-version/create-workflow-version.use-case';
import { WorkflowQueries } from './use-cases/workflow-queries/workflow-queries.use-case';
import { WorkflowDefinitionRepository } from './workflow-definition.repository';
import { WorkflowsController } from './workflows.controller';

@Module({
  controllers: [WorkflowsController],
  providers: [WorkflowDefinitionRepository, CreateWorkflowVersionUseCase, WorkflowQueries],
  exports: [WorkflowDefinitionRepository],
})
export class WorkflowsModule {}
