import { ApiProperty } from '@nestjs/swagger';
import { EmailMessageDto } from './email-message.dto';

export class EmailMessageListDto {
  @ApiProperty({ type: [EmailMessageDto] }) data: EmailMessageDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
