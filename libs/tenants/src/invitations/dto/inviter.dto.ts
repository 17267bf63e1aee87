import { ApiProperty } from '@nestjs/swagger';

export class InviterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}
