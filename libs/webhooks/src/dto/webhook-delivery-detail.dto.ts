import { ApiProperty } from '@nestjs/swagger';
import { WebhookDeliveryAttemptDto } from './webhook-delivery-attempt.dto';
import { WebhookDeliveryDto } from './webhook-delivery.dto';

export class WebhookDeliveryDetailDto extends WebhookDeliveryDto {
  @ApiProperty({ description: 'The JSON body sent on every attempt' }) requestBody: string;
  @ApiProperty({ type: String, nullable: true, description: 'First 4 KB of the last response body' }) responseBody: string | null;
  @ApiProperty({ type: [WebhookDeliveryAttemptDto], description: 'Every attempt, oldest first' }) attempts: WebhookDeliveryAttemptDto[];
}
