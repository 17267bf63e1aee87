import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { RequirePermissions } from '@app/rbac';
import { FeatureFlagDto } from './dto/feature-flag.dto';
import { FeatureFlagListDto } from './dto/feature-flag-list.dto';
import { SetFeatureFlagDto } from './dto/set-feature-flag.dto';
import { FeatureFlagSettingsService } from './feature-flag-settings.service';

const KEY = { name: 'key', example: 'paylinks.qr', description: 'Feature flag key from the catalog' };

@ApiTags('feature flags')
@ApiBearerAuth('bearer')
@Controller('feature-flags')
export class FeatureFlagsController {
  constructor(private readonly settings: FeatureFlagSettingsService) {}

  @Get()
  @RequirePermissions('features:read')
  @ApiOperation({ summary: 'Every feature flag with the platform default, this tenant\'s override and the effective value' })
  @ApiOkResponse({ type: FeatureFlagListDto })
  @ApiProblems(401, 403)
  async list(): Promise<FeatureFlagListDto> {
    return { data: await this.settings.listForTenant() };
  }

  @Put(':key')
  @RequirePermissions('features:write')
  @ApiOperation({ summary: 'Turn a feature on or off for this tenant (overrides the platform default)' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: FeatureFlagDto })
  @ApiProblems(400, 401, 403, 404)
  set(@Param('key') key: string, @Body() body: SetFeatureFlagDto): Promise<FeatureFlagDto> {
    return this.settings.setForTenant(key, body.enabled);
  }

  @Delete(':key')
  @RequirePermissions('features:write')
  @ApiOperation({ summary: 'Drop this tenant\'s override: the flag follows the platform default again' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: FeatureFlagDto })
  @ApiProblems(401, 403, 404)
  clear(@Param('key') key: string): Promise<FeatureFlagDto> {
    return this.settings.setForTenant(key, null);
  }
}
