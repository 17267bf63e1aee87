import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { QueueName } from '../../queue-names';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '../dead-letter-status';

export class DeadLetterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES })
  @IsOptional()
  @IsIn([...DEAD_LETTER_STATUSES])
  status?: DeadLetterStatus;

  @ApiPropertyOptional({ enum: QueueName, enumName: 'QueueName' })
  @IsOptional()
  @IsIn(Object.values(QueueName))
  queue?: QueueName;

  @ApiPropertyOptional({ maxLength: 100, example: 'email.send' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.:-]+$/, { message: 'jobName must be a job name like "email.send"' })
  jobName?: string;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36 })
  @IsOptional()
  @MaxLength(36)
  @IsUUID('all')
  tenantId?: string;
}
