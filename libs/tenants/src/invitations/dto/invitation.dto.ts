import { ApiProperty } from '@nestjs/swagger';
import { RoleRefDto } from '../../dto/role-ref.dto';
import { InviterDto } from './inviter.dto';

export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export class InvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: [RoleRefDto] }) roles: RoleRefDto[];
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: InviterDto, nullable: true, description: 'Who sent it (null when that account is gone)' }) invitedBy: InviterDto | null;
}
