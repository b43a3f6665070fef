import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  registerDecorator,
  ValidationArguments,
} from 'class-validator';
import { CERT_TYPE_CODES, isNaturalPersonCertType, USER_PROP_CODES } from '../codes';
import { IsText } from '../validation/decorators';

export const CASE_NO_RE = /^[0-9A-Z-]{10,50}$/;

/** A masked identifier: at most 6 leading and 4 trailing characters kept, at least 4 `*` between. */
export const MASKED_ID_RE = /^[0-9A-Za-z]{0,6}\*{4,}[0-9A-Za-z]{0,4}$/;

/**
 * On a holder/applicant object: when `certType` is a natural person's ID type, the value must be masked
 * (MASKED_ID_RE). Enforced by the contract itself, so no producer can publish a personal ID in clear.
 */
export function IsMaskedForNaturalPerson(certTypeProperty = 'certType'): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMaskedForNaturalPerson',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate(value: unknown, args?: ValidationArguments): boolean {
          const certType = (args?.object as Record<string, unknown> | undefined)?.[certTypeProperty];
          if (typeof certType !== 'string' || !isNaturalPersonCertType(certType)) return true;
          return typeof value === 'string' && MASKED_ID_RE.test(value);
        },
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} must be masked for a natural person's ID type`,
      },
    });
}

/**
 * The applicant as it may travel in events: a natural person's ID number only masked plus a keyed hash
 * (HMAC-SM3) for matching; an organisation's 统一社会信用代码 is public and travels in clear.
 */
export class EventApplicant {
  @IsIn(USER_PROP_CODES) userProp!: string;
  @IsText({ max: 200 }) name!: string;
  @IsIn(CERT_TYPE_CODES) certType!: string;
  /** Masked for natural persons (110101********1234), clear for organisations. */
  @IsString() @Length(1, 64) @IsMaskedForNaturalPerson() certMasked!: string;
  @Matches(/^[0-9a-f]{64}$/) certHash!: string;
}

export class EventLicenceSpec {
  /** 证照类型代码: 18-char definer USCC + 3 digits (21 chars). */
  @Matches(/^[0-9A-Z]{21}$/) typeCode!: string;
  @IsText({ max: 100 }) typeName!: string;
  /** Validity in years from issue; absent = 长期. */
  @IsOptional() validYears?: number;
  /** Face fields (照面信息) taken from the application form. */
  @IsObject() faceFields!: Record<string, string>;
}

export class CaseRef {
  @Matches(CASE_NO_RE) caseNo!: string;
  /** 实施编码 */
  @IsString() @Length(1, 50) itemCode!: string;
  @IsText({ max: 200 }) itemName!: string;
  /** 受理/实施部门 统一社会信用代码 */
  @Matches(/^[0-9A-Z]{18}$/) deptCode!: string;
  @IsText({ max: 100 }) deptName!: string;
}
