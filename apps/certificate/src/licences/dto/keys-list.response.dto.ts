import { ApiProperty } from '@nestjs/swagger';

export class SigningKeyView {
  @ApiProperty() kid!: string;
  @ApiProperty({ example: 'SM2-SM3' }) algorithm!: string;
  @ApiProperty({ example: 'SM2 (GM/T 0003, OID 1.2.156.10197.1.301)' }) curve!: string;
  @ApiProperty({ description: 'SM2 user id used for Z_A', example: '1234567812345678' }) userId!: string;
  @ApiProperty({ description: 'uncompressed point, hex' }) publicKeyHex!: string;
  @ApiProperty({ description: 'PEM SubjectPublicKeyInfo' }) publicKeyPem!: string;
  @ApiProperty({ description: 'the key new licences are signed with' }) active!: boolean;
}

/** Every public signing key ever used, for offline verification. */
export class KeysList {
  @ApiProperty({ type: [SigningKeyView] }) keys!: SigningKeyView[];
}
