import { ApiProperty } from '@nestjs/swagger';
import { RoleRefDto } from '../../dto/role-ref.dto';

export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'Membership id' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [RoleRefDto] }) roles: RoleRefDto[];
  @ApiProperty() active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
