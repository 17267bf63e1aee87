import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, EmptyBodyDto, PageQueryDto } from '@app/core';
import { NotWhileImpersonating, RequirePermissions } from '@app/rbac';
import { CreateWebhookEndpointDto } from './dto/create-webhook-endpoint.dto';
import { RotateWebhookSecretDto } from './dto/rotate-webhook-secret.dto';
import { UpdateWebhookEndpointDto } from './dto/update-webhook-endpoint.dto';
import { WebhookDeliveryListDto } from './dto/webhook-delivery-list.dto';
import { WebhookDeliveryQueryDto } from './dto/webhook-delivery-query.dto';
import { WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import { WebhookEndpointListDto } from './dto/webhook-endpoint-list.dto';
import { WebhookEndpointWithSecretDto } from './dto/webhook-endpoint-with-secret.dto';
import { WebhookEndpointDto } from './dto/webhook-endpoint.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller('webhook-endpoints')
export class WebhookEndpointsController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveryLog: WebhookDeliveriesService,
  ) {}

  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'List the webhook endpoints of the current tenant, newest first' })
  @ApiOkResponse({ type: WebhookEndpointListDto })
  @ApiProblems(400, 401, 403)
  list(@Query() query: PageQueryDto): Promise<WebhookEndpointListDto> {
    return this.endpoints.list(query);
  }

  @Post()
  @RequirePermissions('webhooks:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Register a webhook endpoint; the signing secret is in this response only' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(400, 401, 403, 422)
  create(@Body() body: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.create(body);
  }

  @Get(':id')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'One webhook endpoint (never its secret)' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(id);
  }

  @Patch(':id')
  @RequirePermissions('webhooks:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Change the URL, event types or description, or disable / re-enable an endpoint' })
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblems(400, 401, 403, 404, 422)
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Delete an endpoint and its delivery log' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @RequirePermissions('webhooks:write')
  @NotWhileImpersonating()
  @ApiOperation({ summary: 'Replace the signing secret (shown once); the old one keeps signing alongside for the overlap' })
  @ApiOkResponse({ type: WebhookEndpointWithSecretDto })
  @ApiProblems(400, 401, 403, 404)
  rotateSecret(@Param('id', ParseUUIDPipe) id: string, @Body() body: RotateWebhookSecretDto): Promise<WebhookEndpointWithSecretDto> {
    return this.endpoints.rotateSecret(id, body.overlapHours);
  }

  @Post(':id/test')
  @RequirePermissions('webhooks:write')
  @ApiOperation({ summary: 'Send a webhook.test event to this endpoint only' })
  @ApiCreatedResponse({ type: WebhookDeliveryDto })
  @ApiProblems(400, 401, 403, 404, 409)
  sendTest(@Param('id', ParseUUIDPipe) id: string, @Body() _body: EmptyBodyDto): Promise<WebhookDeliveryDto> {
    return this.endpoints.sendTest(id);
  }

  @Get(':id/deliveries')
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'The delivery log of an endpoint, newest first (filter by status)' })
  @ApiOkResponse({ type: WebhookDeliveryListDto })
  @ApiProblems(400, 401, 403, 404)
  deliveries(@Param('id', ParseUUIDPipe) id: string, @Query() query: WebhookDeliveryQueryDto): Promise<WebhookDeliveryListDto> {
    return this.deliveryLog.listForEndpoint(id, query);
  }
}
