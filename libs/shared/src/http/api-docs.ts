import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';

/** The one error body of every endpoint (OpenAPI schema). */
export class ErrorBodyDto {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'stable error code clients switch on' })
  code!: string;

  @ApiProperty({ example: '请求参数校验失败 / Request validation failed', description: '中文 / English' })
  message!: string;

  @ApiPropertyOptional({ description: 'what exactly was wrong (field problems, ids)' })
  details?: unknown;

  @ApiProperty({ example: '7f1c…', description: 'echoed in the x-correlation-id header and the logs' })
  correlationId!: string;
}

const ERROR_STATUSES: Record<number, string> = {
  400: 'invalid input (VALIDATION_FAILED, MALFORMED_JSON, …)',
  401: 'missing or invalid token (UNAUTHENTICATED)',
  403: 'the caller’s role may not do this (FORBIDDEN, …)',
  404: 'no such resource (or not visible to the caller)',
  409: 'not allowed in the current state',
  422: 'a business rule refused the request',
};

/** Documents the error responses of an operation with the shared error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBodyDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_STATUSES[status] ?? 'error', type: ErrorBodyDto }),
    ),
  );
}

/** A page of `item` (`{items, page, pageSize, total}`) as the 200 response. */
export function ApiPageResponse(item: Type<unknown>, description = 'one page'): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description,
      schema: {
        type: 'object',
        required: ['items', 'page', 'pageSize', 'total'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          page: { type: 'integer', minimum: 1 },
          pageSize: { type: 'integer', minimum: 1, maximum: 100 },
          total: { type: 'integer', minimum: 0 },
        },
      },
    }),
  );
}
