import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 72, default: 24, description: 'Hours during which deliveries are also signed with the old secret' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(72)
  overlapHours?: number;
}
