import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';

export class ImpersonateDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An active member of the tenant; defaults to its first active owner' })
  @IsOptional()
  @IsUUID()
  userId?: string;
}
