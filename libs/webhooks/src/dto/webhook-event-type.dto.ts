import { ApiProperty } from '@nestjs/swagger';

export class WebhookEventTypeDto {
  @ApiProperty({ example: 'member.joined' }) type: string;
  @ApiProperty() description: string;
}
