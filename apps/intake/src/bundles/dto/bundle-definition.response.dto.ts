import { ApiProperty } from '@nestjs/swagger';
import { BundleDefinitionEntity } from '../entities/bundle-definition.entity';
import {
  BundleEnterpriseDto,
  BundleFormFieldDto,
  BundleMaterialDto,
  BundleMemberDto,
} from './bundle-definition.request.dto';

export class BundleDefinitionView {
  @ApiProperty({ example: 'QYKB' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ description: 'replacements so far (bundles keep the version they were filed under)' })
  version!: number;
  @ApiProperty({ type: [BundleFormFieldDto] }) formFields!: BundleFormFieldDto[];
  @ApiProperty({ type: [BundleMaterialDto] }) materials!: BundleMaterialDto[];
  @ApiProperty({ type: [BundleMemberDto] }) members!: BundleMemberDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
  })
  mapping!: Record<string, Record<string, string>>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
  })
  materialMapping!: Record<string, Record<string, string>>;
  @ApiProperty({ type: BundleEnterpriseDto, nullable: true }) enterprise!: BundleEnterpriseDto | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(d: BundleDefinitionEntity): BundleDefinitionView {
    return {
      code: d.code,
      name: d.name,
      description: d.description,
      version: d.version,
      formFields: d.formFields,
      materials: d.materials,
      members: d.members,
      mapping: d.mapping,
      materialMapping: d.materialMapping,
      enterprise: d.enterprise,
      updatedAt: d.updatedAt.toISOString(),
    };
  }
}
