import { ApiProperty } from '@nestjs/swagger';
import { PlatformFeatureFlagDto } from './platform-feature-flag.dto';

export class PlatformFeatureFlagListDto {
  @ApiProperty({ type: [PlatformFeatureFlagDto] }) data: PlatformFeatureFlagDto[];
}
