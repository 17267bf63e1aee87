import { ApiProperty } from '@nestjs/swagger';

/** A role as shown beside a member or an invitation. */
export class RoleRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'admin' }) key: string;
  @ApiProperty({ example: 'Admin' }) name: string;
}
