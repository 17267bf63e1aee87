import { ApiProperty } from '@nestjs/swagger';
import { WebhookDeliveryDto } from './webhook-delivery.dto';

export class WebhookDeliveryListDto {
  @ApiProperty({ type: [WebhookDeliveryDto] }) data: WebhookDeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
