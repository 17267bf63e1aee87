import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';

export class ImpersonateDto {
  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'An active member of the tenant; defaults to its first active owner' })
  @IsOptional()
  @MaxLength(36)
  @IsUUID()
  userId?: string;
}
