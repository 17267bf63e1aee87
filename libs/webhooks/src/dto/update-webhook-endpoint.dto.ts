import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SUBSCRIBABLE_EVENT_TYPES } from './subscribable-event-types';

export class UpdateWebhookEndpointDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: SUBSCRIBABLE_EVENT_TYPES, minItems: 1, maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'eventTypes needs at least one event type' })
  @ArrayMaxSize(50)
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, { each: true, message: 'each event type must be one of GET /webhooks/event-types or *' })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'false stops deliveries; true re-enables the endpoint and resets its failure count' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
