import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
} from 'class-validator';
import { STEP_CODES } from '@app/shared/codes';
import { MAX_STEP_LIMIT_DAYS, MAX_WORKFLOW_STEPS, STEP_ROLES } from '../../approvals/workflow';
import { WorkflowDefinitionEntity } from '../workflow-definition.entity';

/** 实施编码 / 事项编码 as it travels in events (letters, digits and '-', at most 50). */
export const ITEM_CODE_RE = /^[0-9A-Za-z][0-9A-Za-z-]{0,49}$/;

/** Step codes strictly ascending (so unique): 承办 before 审核 before 批准. */
function AscendingStepCodes(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'ascendingStepCodes',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) ||
          value.every(
            (s: unknown, i) =>
              i === 0 ||
              String((s as { code?: unknown } | null)?.code) >
                String((value[i - 1] as { code?: unknown } | null)?.code),
          ),
        defaultMessage: () => 'steps must have ascending, unique codes (1 承办, 2 审核, 3 批准)',
      },
    });
}

export class StepDefinitionDto {
  @ApiProperty({ enum: STEP_CODES, description: '审批环节 SPHJDM: 1 承办, 2 审核, 3 批准' })
  @IsIn(STEP_CODES)
  code!: '1' | '2' | '3';

  @ApiProperty({ enum: STEP_ROLES, description: 'who decides the step: approver, or the 首席代表 (chief)' })
  @IsIn(STEP_ROLES)
  role!: 'approver' | 'chief';

  @ApiProperty({ minimum: 0, maximum: MAX_STEP_LIMIT_DAYS, description: 'time limit in working days' })
  @IsInt()
  @Min(0)
  @Max(MAX_STEP_LIMIT_DAYS)
  limitDays!: number;
}

/** POST /workflows */
export class CreateWorkflowRequestDto {
  @ApiProperty({ description: '事项编码 (实施编码)', example: '113301000024901620000111203000001' })
  @IsString()
  @Matches(ITEM_CODE_RE)
  itemCode!: string;

  @ApiProperty({
    type: [StepDefinitionDto],
    maxItems: MAX_WORKFLOW_STEPS,
    description: '0–3 steps, codes ascending and unique; no step = 即办 (approved at once by the system)',
  })
  @IsArray()
  @ArrayMaxSize(MAX_WORKFLOW_STEPS)
  @ValidateNested({ each: true })
  @Type(() => StepDefinitionDto)
  @AscendingStepCodes()
  steps!: StepDefinitionDto[];
}

export class ItemCodeParam {
  @ApiProperty({ description: '事项编码 (实施编码)' })
  @Matches(ITEM_CODE_RE)
  itemCode!: string;
}

export class WorkflowStepView {
  @ApiProperty({ minimum: 1, maximum: MAX_WORKFLOW_STEPS }) stepNo!: number;
  @ApiProperty({ enum: STEP_CODES }) code!: string;
  @ApiProperty({ example: '承办' }) name!: string;
  @ApiProperty({ enum: STEP_ROLES }) role!: string;
  @ApiProperty({ description: 'working days' }) limitDays!: number;
}

export class WorkflowDefinitionView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the default of a 办件类型' })
  itemCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办件类型 of a default (1 即办件, 2 承诺件)' })
  projectType!: string | null;
  @ApiProperty({ minimum: 1 }) version!: number;
  @ApiProperty({ type: [WorkflowStepView] }) steps!: WorkflowStepView[];
  @ApiProperty() createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static of(d: WorkflowDefinitionEntity): WorkflowDefinitionView {
    return {
      id: d.id,
      itemCode: d.itemCode,
      projectType: d.projectType,
      version: d.version,
      steps: d.steps.map((s, i) => ({
        stepNo: i + 1,
        code: s.code,
        name: s.name,
        role: s.role,
        limitDays: s.limitDays,
      })),
      createdBy: d.createdBy,
      createdAt: d.createdAt.toISOString(),
    };
  }
}

export class WorkflowVersionsView {
  @ApiProperty() itemCode!: string;
  @ApiProperty({
    type: [WorkflowDefinitionView],
    description: "the item's versions, newest first (may be empty)",
  })
  versions!: WorkflowDefinitionView[];
  @ApiProperty({
    type: [WorkflowDefinitionView],
    description: 'the defaults per 办件类型, used while the item has no version of its own',
  })
  defaults!: WorkflowDefinitionView[];
}
