import { Global, Module } from '@nestjs/common';
import { EmailMessageContentService } from './email-message-content.service';
import { EmailMessagesController } from './email-messages.controller';
import { EmailMessagesService } from './email-messages.service';
import { EmailTemplateOverridesRepository } from './email-template-overrides.repository';
import { EmailTemplateRenderPool } from './email-template-render-pool';
import { EmailTemplatesController } from './email-templates.controller';
import { EmailTemplatesService } from './email-templates.service';
import { EmailService } from './email.service';
import { TestEmailRecipients } from './test-email-recipients';

@Global()
@Module({
  controllers: [EmailTemplatesController, EmailMessagesController],
  providers: [
    EmailService,
    EmailTemplateOverridesRepository,
    EmailTemplatesService,
    EmailMessagesService,
    EmailMessageContentService,
    TestEmailRecipients,
    // One pool of render threads per process (API or worker), ended when the app closes.
    { provide: EmailTemplateRenderPool, useFactory: () => new EmailTemplateRenderPool() },
  ],
  exports: [EmailService, EmailMessageContentService],
})
export class EmailModule {}
