import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { UsageDto } from './dto/usage.dto';
import { LimitsService } from './limits.service';

@ApiTags('usage')
@ApiBearerAuth('bearer')
@Controller('usage')
export class UsageController {
  constructor(private readonly limits: LimitsService) {}

  @Get()
  @RequirePermissions('usage:read')
  @ApiOperation({ summary: 'The tenant\'s plan limits and current usage' })
  @ApiOkResponse({ type: UsageDto })
  @ApiProblems(401, 403)
  usage(): Promise<UsageDto> {
    return this.limits.usage();
  }
}
