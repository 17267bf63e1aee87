import { ApiProperty } from '@nestjs/swagger';

export class WebhookDeliveryAttemptDto {
  @ApiProperty({ example: 1 }) attempt: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) requestHeaders: Record<string, string>;
  @ApiProperty({ type: Number, nullable: true }) responseStatus: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'First 4 KB of the response body' }) responseBody: string | null;
  @ApiProperty() durationMs: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
