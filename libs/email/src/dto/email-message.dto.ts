import { ApiProperty } from '@nestjs/swagger';

export const EMAIL_MESSAGE_STATUSES = ['queued', 'sent', 'failed'] as const;

/** One email the tenant's back office sent (or tried to). Bodies are not kept. */
export class EmailMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'email' }) to: string;
  @ApiProperty({ example: 'invitation' }) templateKey: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: EMAIL_MESSAGE_STATUSES, description: 'failed: delivery gave up or the server rejected it (bounce)' }) status: string;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts: number;
  @ApiProperty({ type: String, nullable: true, description: 'Last delivery error or rejection reason' }) lastError: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Message-ID of the delivered email' }) providerMessageId: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}
