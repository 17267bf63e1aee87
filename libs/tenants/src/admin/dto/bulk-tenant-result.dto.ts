import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class BulkTenantResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ enum: ['pending', 'active', 'rejected', 'suspended'] }) status?: string;
  @ApiPropertyOptional() plan?: string;
  @ApiPropertyOptional({ description: 'Problem slug when ok is false (not-found, invalid-transition)' }) error?: string;
  @ApiPropertyOptional() detail?: string;
}
