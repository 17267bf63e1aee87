import { ApiProperty } from '@nestjs/swagger';
import { ImpersonatedUserDto } from './impersonated-user.dto';

export class ImpersonationDto {
  @ApiProperty({ description: 'Access token of a 1-hour, non-refreshable session as the target user' }) accessToken: string;
  @ApiProperty({ example: 3600 }) expiresIn: number;
  @ApiProperty({ format: 'uuid' }) tenantId: string;
  @ApiProperty({ type: ImpersonatedUserDto }) impersonating: ImpersonatedUserDto;
}
