import { ApiProperty } from '@nestjs/swagger';
import { CATALOG_AUDIT_ACTIONS, CatalogAuditEntity } from '../entities/catalog-audit.entity';

/** One write to the catalog: who, when, what. */
export class CatalogAuditView {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'uuid' }) itemId!: string;
  @ApiProperty() taskCode!: string;
  @ApiProperty() itemVersion!: number;
  @ApiProperty({ enum: CATALOG_AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ description: 'subject of the caller (or the migration that seeded)' }) actorSub!: string;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'what changed' })
  detail!: Record<string, unknown>;

  static from(a: CatalogAuditEntity): CatalogAuditView {
    return {
      id: String(a.id),
      itemId: a.itemId,
      taskCode: a.taskCode,
      itemVersion: a.itemVersion,
      action: a.action,
      actorSub: a.actorSub,
      actorName: a.actorName,
      occurredAt: a.occurredAt.toISOString(),
      detail: a.detail,
    };
  }
}
