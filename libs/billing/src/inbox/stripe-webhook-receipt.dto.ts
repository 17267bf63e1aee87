import { ApiProperty } from '@nestjs/swagger';

export class StripeWebhookReceiptDto {
  @ApiProperty({ example: true }) received: boolean;
  @ApiProperty({ description: 'The event was already stored (a redelivery); nothing more was done' }) duplicate: boolean;
}
