import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class UpdateEmailTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: 300, example: 'Join {{tenantName}}' })
  @IsString()
  @Length(1, 300)
  subject: string;

  @ApiProperty({ minLength: 1, maxLength: 20000 })
  @IsString()
  @Length(1, 20000)
  text: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100000, description: 'Omit or null for a plain-text email' })
  @IsOptional()
  @IsString()
  @MaxLength(100000)
  html?: string | null;
}
