import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { SUBMIT_CHANNEL_CODES } from '@app/shared/codes';
import { CLOCK_KINDS } from '@app/shared/contracts';
import { DEPT_CODE_DOC, DEPT_CODE_RE } from '../../common/dept-code';

const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** GET /supervision/statistics */
export class StatisticsQueryDto {
  @ApiPropertyOptional({
    format: 'date',
    description: 'first day of the period (Asia/Shanghai); default: 29 days before `to`',
  })
  @IsOptional()
  @Matches(DATE_RE)
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'last day of the period, inclusive; default: today' })
  @IsOptional()
  @Matches(DATE_RE)
  to?: string;

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

  @ApiPropertyOptional({ enum: SUBMIT_CHANNEL_CODES, description: '申报方式 0 窗口, 1 网上 …' })
  @IsOptional()
  @IsIn(SUBMIT_CHANNEL_CODES)
  channel?: string;

  @ApiPropertyOptional({
    description: '行政区划 (6 digits; the first six of the case number)',
    pattern: '^\\d{6}$',
  })
  @IsOptional()
  @Matches(/^\d{6}$/)
  region?: string;
}

export class MetricView {
  @ApiProperty({ example: 'onTimeCompletionRate' }) key!: string;
  @ApiProperty({ example: '按时办结率' }) name!: string;
  @ApiProperty({ description: 'how the number is computed' }) formula!: string;
  @ApiProperty({ type: Number, nullable: true }) numerator!: number | null;
  @ApiProperty({ type: Number, nullable: true }) denominator!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'ratio 0–1 (4 decimals), count, hours or working days',
  })
  value!: number | null;
  @ApiProperty({ enum: ['ratio', 'count', 'hours', 'working-days'] }) unit!: string;
  @ApiProperty({ description: 'false when no event carries what the number needs' }) available!: boolean;
  @ApiPropertyOptional({ description: 'why a number is unavailable' }) note?: string;
}

export class ItemCompressionView {
  @ApiProperty() itemCode!: string;
  @ApiProperty({ type: String, nullable: true }) itemName!: string | null;
  @ApiProperty({ description: '承诺时限' }) promiseLimit!: number;
  @ApiProperty({ description: '时限单位 1 工作日, 2 自然日, 3 小时, 4 分钟, 5 月' }) promiseUnit!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '法定时限 (null for cases accepted before it was published)',
  })
  legalLimit!: number | null;
  @ApiProperty({ type: String, nullable: true, description: '法定时限单位 (same codes as promiseUnit)' })
  legalUnit!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '跑动次数 of the item' }) visitLimit!:
    number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '1 − 承诺/法定; null when 法定 is unknown or 0, or the units differ (but 小时/分钟)',
  })
  value!: number | null;
  @ApiProperty({ description: 'cases accepted in the period' }) cases!: number;
}

export class PromiseCompressionView {
  @ApiProperty({ type: MetricView, description: 'average over the items' }) average!: MetricView;
  @ApiProperty({ type: [ItemCompressionView] }) perItem!: ItemCompressionView[];
}

export class DepartmentSatisfactionView {
  @ApiProperty() deptCode!: string;
  @ApiProperty({ type: String, nullable: true }) deptName!: string | null;
  @ApiProperty({ description: 'first ratings in the period' }) ratings!: number;
  @ApiProperty({ description: 'of which graded 3–5' }) satisfied!: number;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
}

export class LightCountView {
  @ApiProperty({ enum: CLOCK_KINDS }) kind!: string;
  @ApiProperty() green!: number;
  @ApiProperty() yellow!: number;
  @ApiProperty() red!: number;
}

export class BundleStatisticsView {
  @ApiProperty({ description: '一件事 filed in the period' }) submitted!: number;
  @ApiProperty({ description: 'ended in the period with every member completed' }) completed!: number;
  @ApiProperty() partiallyCompleted!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'hours saved by the bundles completed in the period',
  })
  timeSavedHours!: number | null;
  @ApiProperty({ type: MetricView, description: '一件事办理时间压缩率' }) timeSaved!: MetricView;
}

export class StatisticsPeriodView {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
}

export class StatisticsFiltersView {
  @ApiProperty({ type: String, nullable: true }) deptCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) itemCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) channel!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
}

/** The reform's numbers for one period and filter. */
export class StatisticsView {
  @ApiProperty({ type: StatisticsPeriodView }) period!: StatisticsPeriodView;
  @ApiProperty({ type: StatisticsFiltersView }) filters!: StatisticsFiltersView;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [MetricView] }) metrics!: MetricView[];
  @ApiProperty({ type: PromiseCompressionView, description: '承诺时限压缩率' })
  promiseCompression!: PromiseCompressionView;
  @ApiProperty({ type: [DepartmentSatisfactionView] })
  satisfactionByDepartment!: DepartmentSatisfactionView[];
  @ApiProperty({ type: [LightCountView], description: 'open clocks by kind and light, now' })
  lights!: LightCountView[];
  @ApiProperty({ type: BundleStatisticsView, description: '一件事' }) bundles!: BundleStatisticsView;
}
