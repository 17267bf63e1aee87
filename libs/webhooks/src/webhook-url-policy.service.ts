import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, ProblemException, Problems } from '@app/core';
import { type HostLookup, resolveWebhookTarget, UnsafeWebhookUrlError, type WebhookTarget } from './delivery/webhook-target';

/** The host lookup used for webhook URLs; a provider so tests of the whole app could swap DNS. */
export const WEBHOOK_HOST_LOOKUP = Symbol('WEBHOOK_HOST_LOOKUP');

/** Applies the SSRF policy (WEBHOOKS_ALLOW_PRIVATE) to webhook URLs, at save and before each send. */
@Injectable()
export class WebhookUrlPolicy {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_HOST_LOOKUP) private readonly lookup: HostLookup,
  ) {}

  /** Resolves and checks a URL for sending; throws UnsafeWebhookUrlError. */
  target(url: string): Promise<WebhookTarget> {
    return resolveWebhookTarget(url, { allowPrivate: this.config.webhooks.allowPrivate, lookup: this.lookup });
  }

  /** The check at save: an unusable URL is a 400 (not a URL) or a 422 naming the reason; nothing is stored. */
  async assertAcceptable(url: string): Promise<void> {
    try {
      await this.target(url);
    } catch (error) {
      if (!(error instanceof UnsafeWebhookUrlError)) throw error;
      if (error.malformed) throw Problems.validation([{ field: 'url', message: 'url must be an absolute http(s) URL' }]);
      throw new ProblemException('webhook-url-refused', HttpStatus.UNPROCESSABLE_ENTITY, 'Webhook URL refused', `This URL cannot receive webhooks: ${error.reason}.`, [
        { field: 'url', message: error.reason },
      ]);
    }
  }
}
