import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems, currentContext } from '@app/core';
import { AllowInactiveTenant, Authenticated } from '@app/rbac';
import { EffectiveFeaturesDto } from './dto/effective-features.dto';
import { FeatureFlagsService } from './feature-flags.service';

@ApiTags('feature flags')
@ApiBearerAuth('bearer')
@Controller('features')
export class FeaturesController {
  constructor(private readonly flags: FeatureFlagsService) {}

  @Get()
  @Authenticated()
  @AllowInactiveTenant()
  @ApiOperation({ summary: 'The effective feature flags of the signed-in tenant, for the SPA' })
  @ApiOkResponse({ type: EffectiveFeaturesDto })
  @ApiProblems(401)
  async get(): Promise<EffectiveFeaturesDto> {
    return { flags: await this.flags.effective(currentContext()?.principal?.tenantId ?? null) };
  }
}
