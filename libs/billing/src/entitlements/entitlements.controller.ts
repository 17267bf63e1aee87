import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { EntitlementsService } from './entitlements.service';
import { EntitlementQueryDto, EntitlementsDto } from './entitlements.dto';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller('entitlements')
export class EntitlementsController {
  constructor(private readonly entitlements: EntitlementsService) {}

  @Get()
  @RequirePermissions('entitlements:read')
  @ApiOperation({
    summary: 'What a member (by id) or a customer (by email) may access now: plan, status, access until, features, from their subscriptions and one-off purchases',
    description: 'For the SPA and outside systems (an API key with entitlements:read, e.g. a paywall plugin). An email nobody has answers active: false. The same data is pushed as the entitlements.changed webhook when it changes.',
  })
  @ApiOkResponse({ type: EntitlementsDto })
  @ApiProblems(400, 401, 403, 404)
  get(@Query() query: EntitlementQueryDto): Promise<EntitlementsDto> {
    return this.entitlements.get(query);
  }
}
