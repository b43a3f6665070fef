import { ApiProperty } from '@nestjs/swagger';

/** The SM2 public key that verifies the `sign` of our envelopes (reference/gov-standards.md §2.4). */
export class ExchangePublicKeyView {
  @ApiProperty({
    description: 'Key id: sm2- + 16 hex of SHA-256 over the point',
    example: 'sm2-3f2a9c0d1e4b5a67',
  })
  kid!: string;
  @ApiProperty({ example: 'SM2-SM3' }) algorithm!: string;
  @ApiProperty({ example: 'SM2 (GM/T 0003, OID 1.2.156.10197.1.301)' }) curve!: string;
  @ApiProperty({ description: 'SM2 user id used for Z_A', example: '1234567812345678' }) userId!: string;
  @ApiProperty({ description: 'Uncompressed point 04 ‖ x ‖ y, lowercase hex (130 characters)' })
  publicKeyHex!: string;
  @ApiProperty({ description: 'PEM SubjectPublicKeyInfo' }) publicKeyPem!: string;
  @ApiProperty({
    description: 'Our 调用方标识 at the province (null while the exchange is not configured)',
    nullable: true,
    type: String,
  })
  appMark!: string | null;
  @ApiProperty({
    description:
      'What is signed: the UTF-8 string time + appMark + appWord, followed by params when this is true (EXCHANGE_SIGN_PARAMS); DER signature, hex',
  })
  signsParams!: boolean;
}
