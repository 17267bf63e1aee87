import { ApiProperty } from '@nestjs/swagger';
import { FeatureFlagDto } from './feature-flag.dto';

export class FeatureFlagListDto {
  @ApiProperty({ type: [FeatureFlagDto] }) data: FeatureFlagDto[];
}
