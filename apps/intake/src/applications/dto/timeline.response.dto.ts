import { ApiProperty } from '@nestjs/swagger';
import { TimelineEntryEntity } from '../entities/timeline-entry.entity';

export class TitleView {
  @ApiProperty({ example: '已受理' }) zh!: string;
  @ApiProperty({ example: 'Accepted' }) en!: string;
}

export class TimelineEntryView {
  @ApiProperty({ example: 'ACCEPTED', description: 'stable action code' }) action!: string;
  @ApiProperty({ type: TitleView }) title!: TitleView;
  @ApiProperty({ type: String, nullable: true }) actor!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) detail!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;

  static from(t: TimelineEntryEntity): TimelineEntryView {
    return {
      action: t.action,
      title: { zh: t.titleZh, en: t.titleEn },
      actor: t.actor,
      detail: t.detail,
      occurredAt: t.occurredAt.toISOString(),
    };
  }
}

/** 办件进度: the case's timeline in the order things happened. */
export class TimelineView {
  @ApiProperty({ description: '办件编号' }) caseNo!: string;
  @ApiProperty({ type: [TimelineEntryView] }) entries!: TimelineEntryView[];
}
