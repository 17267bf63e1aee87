import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ServiceCheckDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Round trip of the check in milliseconds' }) latencyMs: number;
  @ApiPropertyOptional({ description: 'Why the check failed' }) error?: string;
}
