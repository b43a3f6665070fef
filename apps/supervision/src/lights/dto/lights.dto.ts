import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { CLOCK_KINDS, ClockKind, CASE_NO_RE, LIGHTS, Light } from '@app/shared/contracts';
import { PageQuery } from '@app/shared/http';
import { DEPT_CODE_DOC, DEPT_CODE_RE } from '../../common/dept-code';
import { ClockEntity } from '../../projection/entities/clock.entity';
import { FLAG_KINDS, FlagEntity, FlagKind } from '../../projection/entities/flag.entity';
import { LightChangeEntity } from '../../projection/entities/light-change.entity';
import { SupervisedCaseEntity } from '../../projection/entities/supervised-case.entity';
import { EscalationView } from '../../escalations/dto/escalation.dto';

const ALERT_LIGHTS: Light[] = ['RED', 'YELLOW'];

/** GET /supervision/lights */
export class ListLightsQueryDto extends PageQuery {
  @ApiPropertyOptional({
    description: 'RED, YELLOW or both (comma-separated; default both)',
    example: 'RED,YELLOW',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : value))
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsIn(ALERT_LIGHTS, { each: true })
  light?: Light[];

  @ApiPropertyOptional({ enum: CLOCK_KINDS })
  @IsOptional()
  @IsIn(CLOCK_KINDS)
  kind?: ClockKind;

  @ApiPropertyOptional(DEPT_CODE_DOC)
  @IsOptional()
  @Matches(DEPT_CODE_RE)
  deptCode?: string;

  @ApiPropertyOptional({ description: '实施编码' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @Matches(/^[0-9A-Za-z-]+$/)
  itemCode?: string;

  @ApiPropertyOptional({
    description: '行政区划 (6 digits; the first six of the case number)',
    pattern: '^\\d{6}$',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  region?: string;
}

/** GET /supervision/flags */
export class ListFlagsQueryDto extends PageQuery {
  @ApiPropertyOptional({ enum: Object.keys(FLAG_KINDS) })
  @IsOptional()
  @IsIn(Object.keys(FLAG_KINDS))
  kind?: FlagKind;

  @ApiPropertyOptional(DEPT_CODE_DOC)
  @IsOptional()
  @Matches(DEPT_CODE_RE)
  deptCode?: string;
}

export class CaseNoParam {
  @ApiProperty({ description: '办件编号', pattern: CASE_NO_RE.source })
  @Matches(CASE_NO_RE)
  caseNo!: string;
}

/** One clock and its light. */
export class ClockView {
  @ApiProperty({ format: 'uuid' }) clockId!: string;
  @ApiProperty() caseNo!: string;
  @ApiProperty({ enum: CLOCK_KINDS }) kind!: string;
  @ApiProperty({
    description: 'which clock of its kind: step number, procedure id, notice number, material code …',
  })
  ref!: string;
  @ApiProperty({ example: '承诺办结' }) label!: string;
  @ApiProperty() deptCode!: string;
  @ApiProperty({ type: String, nullable: true }) itemCode!: string | null;
  @ApiProperty({ format: 'date', description: 'due date as its owner published it' }) dueDate!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'due date with a running pause counted in',
  })
  effectiveDueDate!: string | null;
  @ApiProperty({ description: 'stopped by a 特别程序' }) paused!: boolean;
  @ApiProperty({ type: String, enum: LIGHTS, nullable: true, description: 'null until the first sweep' })
  light!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'working days left after today; negative: overdue',
  })
  remainingWorkingDays!: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lightChangedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) openedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason!: string | null;

  static of(k: ClockEntity): ClockView {
    return {
      clockId: k.id,
      caseNo: k.caseNo,
      kind: k.kind,
      ref: k.ref,
      label: k.label,
      deptCode: k.deptCode,
      itemCode: k.itemCode,
      dueDate: k.dueDate,
      effectiveDueDate: k.effectiveDueDate,
      paused: k.pausedSince !== null,
      light: k.light,
      remainingWorkingDays: k.remainingWorkingDays,
      lightChangedAt: k.lightChangedAt?.toISOString() ?? null,
      openedAt: k.openedAt.toISOString(),
      closedAt: k.closedAt?.toISOString() ?? null,
      closeReason: k.closeReason,
    };
  }
}

export class LightChangeView {
  @ApiProperty({ format: 'uuid' }) clockId!: string;
  @ApiProperty({ type: String, enum: LIGHTS, nullable: true }) previousLight!: string | null;
  @ApiProperty({ enum: LIGHTS }) light!: string;
  @ApiProperty({ format: 'date' }) dueDate!: string;
  @ApiProperty() remainingWorkingDays!: number;
  @ApiProperty({ format: 'date-time' }) changedAt!: string;

  static of(c: LightChangeEntity): LightChangeView {
    return {
      clockId: c.clockId,
      previousLight: c.previousLight,
      light: c.light,
      dueDate: c.dueDate,
      remainingWorkingDays: c.remainingWorkingDays,
      changedAt: c.changedAt.toISOString(),
    };
  }
}

/** A pattern flagged on a case in flight. */
export class FlagView {
  @ApiProperty() caseNo!: string;
  @ApiProperty() deptCode!: string;
  @ApiProperty({ enum: Object.keys(FLAG_KINDS) }) kind!: string;
  @ApiProperty({ example: '补正告知超过一次' }) kindName!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;

  static of(f: FlagEntity): FlagView {
    return {
      caseNo: f.caseNo,
      deptCode: f.deptCode,
      kind: f.kind,
      kindName: FLAG_KINDS[f.kind],
      detail: f.detail,
      occurredAt: f.occurredAt.toISOString(),
    };
  }
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Where a case stands, from what the events said. */
export function caseStatus(c: SupervisedCaseEntity): string {
  if (c.withdrawnAt) return 'WITHDRAWN';
  if (c.notAcceptedAt) return 'NOT_ACCEPTED';
  if (c.completedAt) return 'DONE';
  if (c.decision) return c.decision;
  if (c.approvalOpenedAt) return 'IN_APPROVAL';
  if (c.acceptedAt) return 'ACCEPTED';
  return 'SUBMITTED';
}

/** The supervision view of one case: what it is, its clocks and lights, 督办 items and flags. */
export class CaseSupervisionView {
  @ApiProperty() caseNo!: string;
  @ApiProperty({ example: 'IN_APPROVAL' }) status!: string;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) itemCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) itemName!: string | null;
  @ApiProperty({ type: String, nullable: true }) deptCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) deptName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '申报方式' }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办件类型 1 即办件, 2 承诺件' }) projectType!:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: '承诺办结日期 as accepted' })
  promiseDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) decision!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '办结结果' }) doneResult!: string | null;
  @ApiProperty() supplementNotices!: number;
  @ApiProperty() approvalsOpened!: number;
  @ApiProperty({ description: 'working days the clock stood still for 特别程序' }) specialPausedDays!: number;
  @ApiProperty({ type: [ClockView] }) clocks!: ClockView[];
  @ApiProperty({ type: [LightChangeView] }) lightHistory!: LightChangeView[];
  @ApiProperty({ type: [EscalationView] }) escalations!: EscalationView[];
  @ApiProperty({ type: [FlagView] }) flags!: FlagView[];

  static of(
    c: SupervisedCaseEntity,
    parts: Pick<CaseSupervisionView, 'clocks' | 'lightHistory' | 'escalations' | 'flags'>,
  ): CaseSupervisionView {
    return {
      caseNo: c.caseNo,
      status: caseStatus(c),
      regionCode: c.regionCode,
      itemCode: c.itemCode,
      itemName: c.itemName,
      deptCode: c.deptCode,
      deptName: c.deptName,
      channel: c.channel,
      projectType: c.projectType,
      submittedAt: iso(c.submittedAt),
      acceptedAt: iso(c.acceptedAt),
      promiseDate: c.promiseDate,
      decision: c.decision,
      completedAt: iso(c.completedAt),
      doneResult: c.doneResult,
      supplementNotices: c.supplementNotices,
      approvalsOpened: c.approvalsOpened,
      specialPausedDays: c.specialPausedDays,
      ...parts,
    };
  }
}
