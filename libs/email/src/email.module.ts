import { Global, Module } from '@nestjs/common';
import { EmailMessagesController } from './email-messages.controller';
import { EmailMessagesService } from './email-messages.service';
import { EmailTemplateOverridesRepository } from './email-template-overrides.repository';
import { EmailTemplatesController } from './email-templates.controller';
import { EmailTemplatesService } from './email-templates.service';
import { EmailService } from './email.service';

@Global()
@Module({
  controllers: [EmailTemplatesController, EmailMessagesController],
  providers: [EmailService, EmailTemplateOverridesRepository, EmailTemplatesService, EmailMessagesService],
  exports: [EmailService],
})
export class EmailModule {}
