import { join } from 'node:path';
import type { OnApplicationShutdown } from '@nestjs/common';
import Piscina from 'piscina';
import { Problems } from '@app/core';
import { checkTemplateBounds } from './email-template-bounds';
import { EmailTemplateError, type EmailTemplatePart } from './email-template.error';
import { type EmailContent, oneLine, subjectVariables } from './email-template-renderer';

export interface RenderPoolOptions {
  /** A render that takes longer is stopped (its thread is ended) and refused as too complex. */
  timeoutMs: number;
  maxThreads: number;
  /** Renders waiting for a thread beyond this are refused at once (429) instead of piling up. */
  maxQueue: number;
  /** The thread's script; a test puts a stand-in that never finishes. */
  filename: string;
  /**
   * Added to the limit until a first render has completed: the thread starts and loads Handlebars
   * within that first task, which on a busy machine alone can take longer than the limit.
   */
  startupAllowanceMs: number;
}

const DEFAULTS: RenderPoolOptions = { timeoutMs: 1_000, maxThreads: 2, maxQueue: 64, filename: join(__dirname, 'email-template-render.worker.js'), startupAllowanceMs: 10_000 };

type RenderAnswer = { ok: true; rendered: Partial<Record<EmailTemplatePart, string>> } | { ok: false; part: EmailTemplatePart; message: string };

/**
 * Renders email templates (a tenant's own ones included) in worker threads with a time limit, so a
 * runaway template cannot block the event loop of the API or the worker. Sizes and nesting are
 * checked first, in this thread, with a linear scan. Provided by EmailModule (one pool per process).
 */
export class EmailTemplateRenderPool implements OnApplicationShutdown {
  private readonly options: RenderPoolOptions;
  private readonly pool: Piscina;
  private closed = false;
  private started = false;

  constructor(options: Partial<RenderPoolOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.pool = new Piscina({
      filename: this.options.filename,
      minThreads: 1,
      maxThreads: this.options.maxThreads,
      maxQueue: this.options.maxQueue,
      idleTimeout: 60_000,
    });
  }

  /**
   * Strict mode (a missing variable throws EmailTemplateError); variables are HTML-escaped in html only;
   * the subject stays on one line and shows secret variables only as their placeholder.
   */
  async render(content: EmailContent, variables: Record<string, string>, secrets: ReadonlySet<string> = new Set()): Promise<EmailContent> {
    const parts: Array<[EmailTemplatePart, string, Record<string, string>]> = [
      ['subject', content.subject, subjectVariables(variables, secrets)],
      ['text', content.text, variables],
    ];
    if (content.html !== null) parts.push(['html', content.html, variables]);
    for (const [part, source] of parts) checkTemplateBounds(source, part);
    const answer = await this.run(parts);
    if (!answer.ok) throw new EmailTemplateError(answer.part, answer.message);
    return { subject: oneLine(answer.rendered.subject ?? ''), text: answer.rendered.text ?? '', html: content.html === null ? null : (answer.rendered.html ?? '') };
  }

  private async run(parts: Array<[EmailTemplatePart, string, Record<string, string>]>): Promise<RenderAnswer> {
    // Piscina starts threads again for a task run after destroy(); such a thread would keep the process alive.
    if (this.closed) throw new Error('The email template render pool is closed: the process is shutting down');
    try {
      const limit = this.options.timeoutMs + (this.started ? 0 : this.options.startupAllowanceMs);
      const answer: RenderAnswer = await this.pool.run({ parts }, { signal: AbortSignal.timeout(limit) });
      this.started = true;
      return answer;
    } catch (error) {
      if ((error as Error).name === 'AbortError' || (error as Error).name === 'TimeoutError') {
        throw new EmailTemplateError('text', `the template took longer than ${this.options.timeoutMs} ms to render`, [], [], true);
      }
      if (/queue is at limit/i.test((error as Error).message)) throw Problems.tooMany('template-render-busy', 'Too many templates are being rendered; try again shortly.', 5);
      throw error;
    }
  }

  /** Ends the threads; later renders are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.destroy();
  }

  /** The last shutdown phase: after the HTTP server has closed, so no request still renders with the pool. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }

  /** Threads running now (for tests). */
  get threadCount(): number {
    return this.pool.threads.length;
  }
}
