import { ApiProperty } from '@nestjs/swagger';
import { InvitationDto } from './invitation.dto';

export class InvitationListDto {
  @ApiProperty({ type: [InvitationDto] }) data: InvitationDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
