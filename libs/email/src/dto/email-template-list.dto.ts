import { ApiProperty } from '@nestjs/swagger';
import { EmailTemplateDto } from './email-template.dto';

export class EmailTemplateListDto {
  @ApiProperty({ type: [EmailTemplateDto] }) data: EmailTemplateDto[];
}
