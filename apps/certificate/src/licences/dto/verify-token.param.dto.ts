import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** Longest QR token accepted (issued tokens are well under 400 characters). */
export const QR_TOKEN_MAX_LENGTH = 600;

/**
 * The QR verification token as it travels in the path: base64url parts joined by dots. Anything else is a
 * 400; a token of the right alphabet that does not parse is answered `valid: false, reason: MALFORMED`.
 */
export class VerifyTokenParam {
  @ApiProperty({
    description: '核验码 from the QR code: `GOVLIC1.<payload>.<signature>` (base64url)',
    maxLength: QR_TOKEN_MAX_LENGTH,
    pattern: '^[A-Za-z0-9_.-]+$',
  })
  @IsString()
  @Matches(new RegExp(`^[A-Za-z0-9_.-]{1,${QR_TOKEN_MAX_LENGTH}}$`), {
    message: `token must be 1–${QR_TOKEN_MAX_LENGTH} characters of A–Z a–z 0–9 _ . - / 核验码格式错误`,
  })
  token!: string;
}
