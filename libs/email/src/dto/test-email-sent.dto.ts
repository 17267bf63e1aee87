import { ApiProperty } from '@nestjs/swagger';

export class TestEmailSentDto {
  @ApiProperty({ format: 'uuid', description: 'The queued email (see GET /email-messages)' }) emailMessageId: string;
  @ApiProperty({ format: 'email' }) to: string;
}
