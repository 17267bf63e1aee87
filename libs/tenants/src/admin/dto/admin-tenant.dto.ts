import { ApiProperty } from '@nestjs/swagger';

/** A tenant as platform staff see it in lists and after an action. */
export class AdminTenantDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'suspended'] }) status: string;
  @ApiProperty({ example: 'free' }) plan: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Active members' }) memberCount: number;
  @ApiProperty({ type: String, nullable: true, description: 'Email of the first active owner' }) ownerEmail: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the tenant was rejected or suspended' }) statusReason: string | null;
}
