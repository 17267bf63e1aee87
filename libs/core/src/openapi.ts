import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
}

export class ProblemDto {
  @ApiProperty({ example: 'https://problems.backoffice.dev/validation-failed' }) type: string;
  @ApiProperty({ example: 'Validation failed' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
  @ApiPropertyOptional() requestId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input (validation-failed, bad-request)',
  401: 'Not authenticated',
  402: 'A plan limit was reached',
  403: 'Not allowed (forbidden, tenant-suspended, tenant-pending, tenant-rejected)',
  404: 'Not found',
  409: 'Conflict with the current state',
  410: 'Gone (expired or used token)',
  422: 'Unprocessable request',
  429: 'Too many requests',
};

/** Documents the problem+json error responses a route can return. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}
