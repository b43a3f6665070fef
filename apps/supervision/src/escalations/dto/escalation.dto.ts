import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { CLOCK_KINDS } from '@app/shared/contracts';
import { PageQuery } from '@app/shared/http';
import { IsText } from '@app/shared/validation';
import { DEPT_CODE_DOC, DEPT_CODE_RE } from '../../common/dept-code';
import {
  ESCALATION_STATUS,
  EscalationAuditEntity,
  EscalationEntity,
  EscalationStatus,
} from '../entities/escalation.entity';

const STATUSES = Object.values(ESCALATION_STATUS);

export class EscalationIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** GET /supervision/escalations */
export class ListEscalationsQueryDto extends PageQuery {
  @ApiPropertyOptional(DEPT_CODE_DOC)
  @IsOptional()
  @Matches(DEPT_CODE_RE)
  deptCode?: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: EscalationStatus;
}

/** POST /supervision/escalations/:id/acknowledge */
export class AcknowledgeEscalationRequestDto {
  @ApiPropertyOptional({ maxLength: 1000, description: '签收意见 (optional)' })
  @IsOptional()
  @IsText({ min: 0, max: 1000, multiline: true })
  comment?: string;
}

/** POST /supervision/escalations/:id/resolve */
export class ResolveEscalationRequestDto {
  @ApiProperty({
    minLength: 2,
    maxLength: 1000,
    description: '办理结果 (required): what was done about the overdue clock',
  })
  @IsText({ min: 2, max: 1000, multiline: true })
  comment!: string;
}

export class EscalationAuditView {
  @ApiProperty({ enum: ['OPENED', 'ACKNOWLEDGED', 'RESOLVED'] }) action!: string;
  @ApiProperty({ description: 'subject of the actor (system for the opening)' }) actorSub!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;

  static of(a: EscalationAuditEntity): EscalationAuditView {
    return {
      action: a.action,
      actorSub: a.actorSub,
      actorName: a.actorName,
      comment: a.comment,
      at: a.at.toISOString(),
    };
  }
}

/** A 督办 item. */
export class EscalationView {
  @ApiProperty({ format: 'uuid' }) escalationId!: string;
  @ApiProperty({ format: 'uuid' }) clockId!: string;
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ enum: CLOCK_KINDS }) kind!: string;
  @ApiProperty({ description: '责任部门' }) deptCode!: string;
  @ApiProperty({ type: String, nullable: true }) itemCode!: string | null;
  @ApiProperty({ format: 'date', description: 'the missed due date' }) dueDate!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) acknowledgedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) resolvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办理结果' }) resolution!: string | null;
  @ApiPropertyOptional({ type: [EscalationAuditView], description: 'audit trail (single item reads only)' })
  audit?: EscalationAuditView[];

  static of(x: EscalationEntity, audit?: EscalationAuditEntity[]): EscalationView {
    return {
      escalationId: x.id,
      clockId: x.clockId,
      caseNo: x.caseNo,
      kind: x.kind,
      deptCode: x.deptCode,
      itemCode: x.itemCode,
      dueDate: x.dueDate,
      status: x.status,
      openedAt: x.openedAt.toISOString(),
      acknowledgedAt: x.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: x.acknowledgedBy,
      resolvedAt: x.resolvedAt?.toISOString() ?? null,
      resolvedBy: x.resolvedBy,
      resolution: x.resolution,
      ...(audit ? { audit: audit.map((a) => EscalationAuditView.of(a)) } : {}),
    };
  }
}
