import { ApiProperty } from '@nestjs/swagger';
import { MemberDto } from './member.dto';

export class MemberListDto {
  @ApiProperty({ type: [MemberDto] }) data: MemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
