import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class EmailTemplateVariableDto {
  @ApiProperty({ example: 'name' }) name: string;
  @ApiProperty({ example: 'Name of the person the email is for' }) description: string;
  @ApiProperty({ example: 'Ada Lovelace', description: 'Value used by preview and send-test' }) sample: string;
  @ApiPropertyOptional({ description: 'true: carries a secret (a link with a token); allowed only in the text and html body, never in the subject' }) secret?: boolean;
}
