import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { EMAIL_MESSAGE_STATUSES } from './email-message.dto';

export class EmailMessageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMAIL_MESSAGE_STATUSES })
  @IsOptional()
  @IsIn([...EMAIL_MESSAGE_STATUSES])
  status?: string;

  @ApiPropertyOptional({ example: 'invitation', maxLength: 60, description: 'Only emails of this template key' })
  @IsOptional()
  @MaxLength(60)
  @Matches(/^[a-z0-9-]{1,60}$/, { message: 'template must be a template key like "invitation"' })
  template?: string;
}
