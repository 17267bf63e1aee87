import { ApiProperty } from '@nestjs/swagger';
import { EmailContentDto } from './email-content.dto';
import { EmailTemplateVariableDto } from './email-template-variable.dto';

/** A catalog template with the version the tenant's emails use (its override, or the default). */
export class EmailTemplateDto extends EmailContentDto {
  @ApiProperty({ example: 'invitation' }) key: string;
  @ApiProperty({ example: 'Invitation' }) name: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'True when the tenant saved its own version' }) overridden: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the override was last saved' }) updatedAt: string | null;
  @ApiProperty({ type: [EmailTemplateVariableDto], description: 'The only variables the template may use' }) variables: EmailTemplateVariableDto[];
  @ApiProperty({ type: EmailContentDto, description: 'The product default, restored by DELETE' }) defaultContent: EmailContentDto;
}
