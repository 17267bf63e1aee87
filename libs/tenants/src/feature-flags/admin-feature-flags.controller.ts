import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { PlatformFeatureFlagDto } from './dto/platform-feature-flag.dto';
import { PlatformFeatureFlagListDto } from './dto/platform-feature-flag-list.dto';
import { SetFeatureFlagDto } from './dto/set-feature-flag.dto';
import { FeatureFlagSettingsService } from './feature-flag-settings.service';

const KEY = { name: 'key', example: 'paylinks.qr', description: 'Feature flag key from the catalog' };

/** Platform staff set the default of each flag for every tenant without an override. */
@ApiTags('admin: settings')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/feature-flags')
export class AdminFeatureFlagsController {
  constructor(private readonly settings: FeatureFlagSettingsService) {}

  @Get()
  @RequirePermissions('platform.settings:read')
  @ApiOperation({ summary: 'Every feature flag with the product default and the platform default' })
  @ApiOkResponse({ type: PlatformFeatureFlagListDto })
  @ApiProblems(401, 403)
  async list(): Promise<PlatformFeatureFlagListDto> {
    return { data: await this.settings.listDefaults() };
  }

  @Put(':key')
  @RequirePermissions('platform.settings:write')
  @ApiOperation({ summary: 'Set the platform default of a feature flag (tenant overrides still win)' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: PlatformFeatureFlagDto })
  @ApiProblems(400, 401, 403, 404)
  set(@Param('key') key: string, @Body() body: SetFeatureFlagDto): Promise<PlatformFeatureFlagDto> {
    return this.settings.setDefault(key, body.enabled);
  }

  @Delete(':key')
  @RequirePermissions('platform.settings:write')
  @ApiOperation({ summary: 'Drop the platform default of a feature flag: the product default applies again' })
  @ApiParam(KEY)
  @ApiOkResponse({ type: PlatformFeatureFlagDto })
  @ApiProblems(401, 403, 404)
  clear(@Param('key') key: string): Promise<PlatformFeatureFlagDto> {
    return this.settings.setDefault(key, null);
  }
}
