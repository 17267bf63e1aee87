import { ApiProperty } from '@nestjs/swagger';

export class ImpersonatedUserDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
}
