import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '@app/core';
import { AllowInactiveTenant, RequirePermissions } from '@app/rbac';
import { PlatformSettingsDto } from './dto/platform-settings.dto';
import { UpdatePlatformSettingsDto } from './dto/update-platform-settings.dto';
import { PlatformSettingsService } from './platform-settings.service';

@ApiTags('admin: settings')
@ApiBearerAuth('bearer')
@AllowInactiveTenant()
@Controller('admin/settings')
export class AdminSettingsController {
  constructor(private readonly settings: PlatformSettingsService) {}

  @Get()
  @RequirePermissions('platform.settings:read')
  @ApiOperation({ summary: 'Platform settings: defaults for new tenants and the signup approval mode' })
  @ApiOkResponse({ type: PlatformSettingsDto })
  @ApiProblems(401, 403)
  get(): Promise<PlatformSettingsDto> {
    return this.settings.get();
  }

  @Patch()
  @RequirePermissions('platform.settings:write')
  @ApiOperation({ summary: 'Change the platform\'s default fee and currency for new tenants' })
  @ApiOkResponse({ type: PlatformSettingsDto })
  @ApiProblems(400, 401, 403)
  update(@Body() body: UpdatePlatformSettingsDto): Promise<PlatformSettingsDto> {
    return this.settings.update(body);
  }
}
