import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { IsText, NestedArray, NestedObject } from '@app/shared/validation';
import { FORM_KEY_PATTERN } from '../../applications/dto/submit-application.request.dto';
import {
  BundleDefinitionSpec,
  DEPENDENCY_FIELD_SOURCES,
  DEPENDENCY_LICENCE_SOURCE,
  MEMBER_APPLICANTS,
  MemberApplicant,
} from '../bundle-definition';
import { BUNDLE_CODE_PATTERN } from './submit-bundle.request.dto';

/** 实施编码 as the catalog stores them. */
const TASK_CODE_PATTERN = /^[0-9A-Za-z-]{1,36}$/;
const MATERIAL_CODE_PATTERN = /^[A-Z0-9]{1,10}$/;

export class BundleFormFieldDto {
  @ApiProperty({ example: 'companyName' }) @IsText({ max: 40 }) @Matches(FORM_KEY_PATTERN) key!: string;
  @ApiProperty({ example: '企业名称' }) @IsText({ max: 100 }) label!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
}

export class BundleMaterialDto {
  @ApiProperty({ example: 'B01' }) @IsText({ max: 10 }) @Matches(MATERIAL_CODE_PATTERN) code!: string;
  @ApiProperty({ example: '公司章程' }) @IsText({ max: 200 }) name!: string;
  @ApiProperty() @IsBoolean() required!: boolean;
}

export class BundleMemberDto {
  @ApiProperty({ description: '事项实施编码 (a published item)' })
  @IsText({ max: 36 })
  @Matches(TASK_CODE_PATTERN)
  taskCode!: string;

  @ApiProperty({
    type: [String],
    description: 'members (实施编码) whose result this one needs; [] = starts at once',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(TASK_CODE_PATTERN, { each: true })
  dependsOn!: string[];

  @ApiProperty({
    enum: MEMBER_APPLICANTS,
    description: 'BUNDLE: the bundle’s applicant; ENTERPRISE: the enterprise the bundle registers',
  })
  @IsText({ max: 10 })
  @IsIn(MEMBER_APPLICANTS)
  applicant!: MemberApplicant;
}

export class BundleEnterpriseDto {
  @ApiProperty({
    description: 'the member (实施编码) that registers the enterprise (its licence is the 营业执照)',
  })
  @IsText({ max: 36 })
  @Matches(TASK_CODE_PATTERN)
  registeredBy!: string;

  @ApiProperty({ example: 'companyName', description: 'the bundle field naming the enterprise' })
  @IsText({ max: 40 })
  @Matches(FORM_KEY_PATTERN)
  nameField!: string;
}

/** `{ memberTaskCode: { memberKey: source } }`, every key and source matching its pattern. */
function IsMappingTable(opts: {
  key: RegExp;
  source: RegExp;
  specials: readonly string[];
}): PropertyDecorator {
  const problem = (v: unknown): string | null => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'must be an object of objects';
    const members = Object.entries(v as Record<string, unknown>);
    if (members.length > 20) return 'at most 20 members';
    for (const [taskCode, inner] of members) {
      if (!TASK_CODE_PATTERN.test(taskCode)) return `"${taskCode.slice(0, 40)}" is not a 实施编码`;
      if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) {
        return `${taskCode} must be an object`;
      }
      const entries = Object.entries(inner as Record<string, unknown>);
      if (entries.length > 50) return `${taskCode}: at most 50 entries`;
      for (const [k, s] of entries) {
        if (!opts.key.test(k)) return `${taskCode}: "${k.slice(0, 40)}" is not allowed`;
        if (
          typeof s !== 'string' ||
          !(opts.source.test(s) || opts.specials.includes(s) || /^\$[A-Za-z.]{1,40}$/.test(s))
        ) {
          return `${taskCode}.${k}: source must be a bundle key or one of ${opts.specials.join(', ')}`;
        }
      }
    }
    return null;
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMappingTable',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'}: ${problem(args?.value) ?? 'invalid'}`,
      },
    });
}

/** The elements of a bundle definition an admin writes (PUT replaces them all). */
export class BundleDefinitionElementsDto {
  @ApiProperty({ example: '企业开办', maxLength: 100 }) @IsText({ max: 100 }) name!: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsText({ max: 500, multiline: true })
  description?: string;

  @ApiProperty({ type: [BundleFormFieldDto], description: 'the ONE bundle form' })
  @NestedArray(() => BundleFormFieldDto, 100)
  formFields!: BundleFormFieldDto[];

  @ApiProperty({ type: [BundleMaterialDto] })
  @NestedArray(() => BundleMaterialDto, 50)
  materials!: BundleMaterialDto[];

  @ApiProperty({ type: [BundleMemberDto], description: 'member items; at least two' })
  @NestedArray(() => BundleMemberDto, 20)
  members!: BundleMemberDto[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description: `{ memberTaskCode: { memberField: bundleField | ${DEPENDENCY_FIELD_SOURCES.join(' | ')} } }`,
  })
  @IsMappingTable({ key: FORM_KEY_PATTERN, source: FORM_KEY_PATTERN, specials: DEPENDENCY_FIELD_SOURCES })
  mapping!: Record<string, Record<string, string>>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'string' } },
    description: `{ memberTaskCode: { memberMaterialCode: bundleMaterialCode | ${DEPENDENCY_LICENCE_SOURCE} } }`,
  })
  @IsMappingTable({
    key: MATERIAL_CODE_PATTERN,
    source: MATERIAL_CODE_PATTERN,
    specials: [DEPENDENCY_LICENCE_SOURCE],
  })
  materialMapping!: Record<string, Record<string, string>>;

  @ApiPropertyOptional({
    type: BundleEnterpriseDto,
    nullable: true,
    description: '企业开办: the enterprise the bundle registers',
  })
  @IsOptional()
  @NestedObject(() => BundleEnterpriseDto)
  enterprise?: BundleEnterpriseDto | null;

  static toSpec(code: string, dto: BundleDefinitionElementsDto): BundleDefinitionSpec {
    return {
      code,
      name: dto.name,
      description: dto.description ?? null,
      formFields: dto.formFields.map(({ key, label, required }) => ({ key, label, required })),
      materials: dto.materials.map(({ code: c, name, required }) => ({ code: c, name, required })),
      members: dto.members.map(({ taskCode, dependsOn, applicant }) => ({ taskCode, dependsOn, applicant })),
      mapping: dto.mapping,
      materialMapping: dto.materialMapping,
      enterprise: dto.enterprise
        ? { registeredBy: dto.enterprise.registeredBy, nameField: dto.enterprise.nameField }
        : null,
    };
  }
}

export class CreateBundleDefinitionDto extends BundleDefinitionElementsDto {
  @ApiProperty({ example: 'QYKB', description: '一件事编码 [A-Z0-9_-], unique' })
  @IsText({ max: 40 })
  @Matches(BUNDLE_CODE_PATTERN)
  code!: string;
}
