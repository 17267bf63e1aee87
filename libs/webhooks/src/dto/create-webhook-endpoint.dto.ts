import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SUBSCRIBABLE_EVENT_TYPES } from './subscribable-event-types';

export class CreateWebhookEndpointDto {
  @ApiProperty({ maxLength: 2048, example: 'https://example.com/webhooks/backoffice', description: 'https URL on a public address (private addresses are refused unless the server allows them)' })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  @ApiProperty({ type: [String], enum: SUBSCRIBABLE_EVENT_TYPES, minItems: 1, maxItems: 50, description: 'Event types to receive; `*` means all' })
  @IsArray()
  @ArrayMinSize(1, { message: 'eventTypes needs at least one event type' })
  @ArrayMaxSize(50)
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, { each: true, message: 'each event type must be one of GET /webhooks/event-types or *' })
  eventTypes: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}
