import { ApiProperty } from '@nestjs/swagger';

/** Where email goes (never the SMTP credentials) and how delivery went lately. */
export class EmailTransportStatusDto {
  @ApiProperty({ enum: ['smtp', 'file'] }) kind: string;
  @ApiProperty({ type: String, nullable: true, example: 'smtp.example.com', description: 'SMTP host (smtp only)' }) host: string | null;
  @ApiProperty({ type: Number, nullable: true, example: 587, description: 'SMTP port (smtp only)' }) port: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Folder of .eml files (file only)' }) directory: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last email delivered' }) lastSentAt: string | null;
  @ApiProperty({ description: 'Emails that failed for good (including bounces) in the last 24 hours' }) failuresLast24h: number;
}
