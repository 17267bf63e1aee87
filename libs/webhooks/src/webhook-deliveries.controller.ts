import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { WebhookDeliveryDetailDto } from './dto/webhook-delivery-detail.dto';
import { WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'One delivery with the request sent and every attempt\'s response (truncated)' })
  @ApiOkResponse({ type: WebhookDeliveryDetailDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryDetailDto> {
    return this.deliveries.detail(id);
  }

  @Post(':id/replay')
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Send the same event (same id and body) to the endpoint again, as a new delivery' })
  @ApiCreatedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 401, 403, 404, 409)
  replay(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<WebhookDeliveryDto> {
    return this.deliveries.replay(id);
  }
}
