import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { WebhookEventTypeListDto } from './dto/webhook-event-type-list.dto';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-catalog';

@ApiTags('webhooks')
@ApiBearerAuth('bearer')
@Controller('webhooks/event-types')
export class WebhookEventTypesController {
  @Get()
  @RequirePermissions('webhooks:read')
  @ApiOperation({ summary: 'The event types an endpoint can subscribe to (`*` subscribes to all)' })
  @ApiOkResponse({ type: WebhookEventTypeListDto })
  @ApiProblems(401, 403)
  list(): WebhookEventTypeListDto {
    return { data: WEBHOOK_EVENT_TYPES.map((e) => ({ type: e.type, description: e.description })) };
  }
}
