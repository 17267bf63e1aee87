import { ApiProperty } from '@nestjs/swagger';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '../dead-letter-status';

export class DeadLetterSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Tenant named in the job payload; null for platform jobs' })
  tenantId: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Name of that tenant' }) tenantName: string | null;
  @ApiProperty({ example: 'email' }) queue: string;
  @ApiProperty({ example: 'email.send' }) jobName: string;
  @ApiProperty({ description: 'BullMQ job id (the outbox id for jobs sent through the outbox)' }) jobId: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The job payload as staff may see it (fields outside the job\'s policy show as "[redacted]"); a replay sends the stored payload' }) payload: Record<string, unknown>;
  @ApiProperty({ description: 'Error of the last attempt' }) error: string;
  @ApiProperty({ minimum: 1 }) attempts: number;
  @ApiProperty({ format: 'date-time' }) failedAt: string;
  @ApiProperty({ enum: DEAD_LETTER_STATUSES }) status: DeadLetterStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Staff member who replayed or discarded it' }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Email of that staff member' }) resolvedByEmail: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Reason given when discarded' }) resolutionReason: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Job id of the replay (an outbox id)' }) replayedJobId: string | null;
}
