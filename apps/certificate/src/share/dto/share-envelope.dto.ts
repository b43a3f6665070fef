import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';

/** `head` of the provincial request (some clients send the credentials there). */
export class ShareRequestHeadDto {
  @ApiPropertyOptional({ description: '访问标识' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accessId?: string;

  @ApiPropertyOptional({ description: '访问令牌 (getToken)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accessToken?: string;
}

/**
 * The request of every 证照共享 operation: `{accessId, accessToken, data}` (or the credentials in `head`).
 * Only the envelope's shape is an HTTP matter (400 VALIDATION_FAILED); everything inside `data` is
 * answered in the envelope's head.status.
 */
export class ShareRequestDto {
  @ApiPropertyOptional({ description: '访问标识', example: 'shuiwuju01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accessId?: string;

  @ApiPropertyOptional({ description: '访问令牌 (from getToken)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accessToken?: string;

  @ApiPropertyOptional({ type: ShareRequestHeadDto, description: 'alternative place of the credentials' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShareRequestHeadDto)
  head?: ShareRequestHeadDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the operation’s parameters (see the operation); every operation requires useCause',
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

/** getToken: the client's credentials. */
export class ShareTokenRequestDto {
  @ApiProperty({ description: '访问标识', example: 'shuiwuju01' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  accessId?: string;

  @ApiProperty({ description: '访问密钥 (given at registration or rotation)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  accessSecret?: string;
}

export class ShareHeadView {
  @ApiProperty({
    enum: [0, 10, 11, 12, 100, 103, 99],
    description:
      '0 接口调用成功, 10 未找到匹配的证照信息, 11 身份验证不通过, 12 要求必填的输入参数值不为空 (or invalid), ' +
      '100 该用户无访问该证的权限, 103 持证主体代码类型代码不符合规范, 99 其他异常',
  })
  status!: number;

  @ApiProperty({ example: '接口调用成功' }) message!: string;
}

/** The answer of every operation: HTTP 200 with the outcome in head.status. */
export class ShareResponseView {
  @ApiProperty({ type: ShareHeadView }) head!: ShareHeadView;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'the operation’s result; null unless head.status is 0',
  })
  data!: Record<string, unknown> | null;
}

export class DownloadLinkParam {
  @ApiProperty({ description: 'the link id (from downloadUrl)', pattern: '^[0-9a-f]{32}$' })
  @Matches(/^[0-9a-f]{32}$/, { message: 'id must be a download link id' })
  id!: string;
}
