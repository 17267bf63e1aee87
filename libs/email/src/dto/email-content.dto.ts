import { ApiProperty } from '@nestjs/swagger';

/** Subject, plain-text body and optional HTML body of an email (template source or rendered). */
export class EmailContentDto {
  @ApiProperty({ example: 'You are invited to {{tenantName}}' }) subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, nullable: true, description: 'null: the email is sent as plain text only' }) html: string | null;
}
