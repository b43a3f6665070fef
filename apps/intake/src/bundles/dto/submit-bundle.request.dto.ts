import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsText, IsTextMap, NestedArray, NestedObject } from '@app/shared/validation';
import {
  ApplicantDto,
  FORM_KEY_PATTERN,
  MaterialDto,
} from '../../applications/dto/submit-application.request.dto';

/** 一件事编码 (a definition's code). */
export const BUNDLE_CODE_PATTERN = /^[A-Z0-9_-]{1,40}$/;

/** 一件事一次办: ONE application (one form, one set of materials) for every member item. */
export class SubmitBundleDto {
  @ApiProperty({ example: 'QYKB', description: '一件事编码 (GET /bundle-definitions)' })
  @IsText({ max: 40 })
  @Matches(BUNDLE_CODE_PATTERN)
  definitionCode!: string;

  @ApiProperty({
    type: ApplicantDto,
    description:
      '申请人 (the person filing). Members the definition files in the name of the enterprise it registers (企业开办) get the enterprise as their applicant instead.',
  })
  @NestedObject(() => ApplicantDto)
  applicant!: ApplicantDto;

  @ApiProperty({
    description: '一件事表单 (keys from the definition’s formFields; text values of at most 500 characters)',
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 500 },
    example: { companyName: '杭州某某科技有限公司', premises: '杭州市西湖区文三路 1 号' },
  })
  @IsTextMap({ maxKeys: 50, keyPattern: FORM_KEY_PATTERN, value: { max: 500, multiline: true } })
  formData!: Record<string, string>;

  @ApiProperty({ type: [MaterialDto], maxItems: 50, description: 'codes from the definition’s materials' })
  @NestedArray(() => MaterialDto, 50)
  materials!: MaterialDto[];
}
