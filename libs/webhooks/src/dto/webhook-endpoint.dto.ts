import { ApiProperty } from '@nestjs/swagger';

export class WebhookEndpointDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: [String], example: ['member.joined'] }) eventTypes: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the endpoint is disabled (by a user, or after repeated failures)' }) disabledReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabledAt: string | null;
  @ApiProperty({ description: 'Dead deliveries in a row since the last success' }) consecutiveFailures: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until then deliveries also carry a signature with the previous secret' })
  previousSecretExpiresAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
