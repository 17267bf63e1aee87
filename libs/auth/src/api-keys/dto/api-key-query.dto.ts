import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { API_KEY_STATUSES, type ApiKeyStatus } from './api-key.dto';

export class ApiKeyQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: API_KEY_STATUSES })
  @IsOptional()
  @IsIn(API_KEY_STATUSES)
  status?: ApiKeyStatus;
}
