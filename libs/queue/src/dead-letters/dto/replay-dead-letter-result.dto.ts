import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReplayDeadLetterResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional({ description: 'Job id of the replay (an outbox id) when ok' }) replayedJobId?: string;
  @ApiPropertyOptional({ description: 'Problem slug when ok is false (not-found, dead-letter-not-open, unknown-job)' }) error?: string;
  @ApiPropertyOptional() detail?: string;
}
