import { join } from 'node:path';
import { EmailTemplateRenderPool } from './email-template-render-pool';
import { checkTemplatePart, oneLine } from './email-template-renderer';
import { EmailTemplateError } from './email-template.error';
import { EMAIL_TEMPLATE_LIMITS } from './email-template-bounds';

const allowed = new Set(['name', 'link']);

function errorOf(fn: () => unknown): EmailTemplateError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EmailTemplateError) return error;
    throw error;
  }
  throw new Error('expected an EmailTemplateError');
}

async function rejectionOf(promise: Promise<unknown>): Promise<EmailTemplateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof EmailTemplateError) return error;
    throw error;
  }
  throw new Error('expected an EmailTemplateError');
}

const nested = (depth: number, inner = '{{name}}') => '{{#if name}}'.repeat(depth) + inner + '{{/if}}'.repeat(depth);

describe('email template renderer', () => {
  const pool = new EmailTemplateRenderPool();
  afterAll(() => pool.close());

  it('accepts known variables and if/unless blocks', () => {
    expect(() => checkTemplatePart('Hi {{name}}{{#if link}} {{link}}{{else}}!{{/if}}{{#unless name}}x{{/unless}}', 'text', allowed)).not.toThrow();
  });

  it('names every unknown variable', () => {
    const error = errorOf(() => checkTemplatePart('{{name}} {{company}} {{#if plan}}{{/if}}', 'text', allowed));
    expect(error.unknownVariables).toEqual(['company', 'plan']);
    expect(error.message).toMatch(/unknown variables: company, plan/);
  });

  it('reports syntax errors with the Handlebars message', () => {
    const error = errorOf(() => checkTemplatePart('Hi {{name', 'subject', allowed));
    expect(error.part).toBe('subject');
    expect(error.message).toMatch(/Parse error/);
  });

  it('refuses helpers, partials, paths and triple braces in html', () => {
    expect(errorOf(() => checkTemplatePart('{{lookup name link}}', 'text', allowed)).message).toMatch(/helpers are not supported/);
    expect(errorOf(() => checkTemplatePart('{{> footer}}', 'text', allowed)).message).toMatch(/partial is not supported/);
    expect(errorOf(() => checkTemplatePart('{{user.name}}', 'text', allowed)).message).toMatch(/not a variable name/);
    expect(errorOf(() => checkTemplatePart('{{#each name}}{{/each}}', 'text', allowed)).message).toMatch(/only \{\{#if/);
    expect(errorOf(() => checkTemplatePart('{{{name}}}', 'html', allowed)).message).toMatch(/triple braces/);
    expect(() => checkTemplatePart('{{{name}}}', 'text', allowed)).not.toThrow();
  });

  it('refuses a secret variable in the subject, anywhere in it, and allows it in the bodies', () => {
    const secrets = new Set(['link']);
    for (const subject of ['Open {{link}}', '{{#if name}}{{link}}{{/if}}', '{{#if link}}x{{/if}}', '{{#unless name}}{{else}}{{ link }}{{/unless}}']) {
      const error = errorOf(() => checkTemplatePart(subject, 'subject', allowed, secrets));
      expect(error.secretVariables).toEqual(['link']);
    }
    expect(() => checkTemplatePart('Open {{link}}', 'text', allowed, secrets)).not.toThrow();
    expect(() => checkTemplatePart('<a href="{{link}}">x</a>', 'html', allowed, secrets)).not.toThrow();
  });

  it('refuses blocks nested past the limit before parsing, however they are written', () => {
    const deep = EMAIL_TEMPLATE_LIMITS.depth + 1;
    const variants = [
      nested(1000),
      nested(deep),
      '{{~#if name}}'.repeat(deep) + '{{/if}}'.repeat(deep),
      '{{# if name}}'.repeat(deep) + '{{/if}}'.repeat(deep),
      '{{^name}}'.repeat(deep) + '{{/name}}'.repeat(deep),
      `{{#if name}}${'{{else if name}}'.repeat(deep)}{{/if}}`,
    ];
    for (const source of variants) {
      const error = errorOf(() => checkTemplatePart(source, 'text', allowed));
      expect(error.tooComplex).toBe(true);
      expect(error.message).toMatch(/nested at most/);
    }
    // siblings, plain else and {{^}} do not add depth; a variable named like "elsewhere" is no else
    const flat = `${nested(EMAIL_TEMPLATE_LIMITS.depth)}${nested(EMAIL_TEMPLATE_LIMITS.depth)}{{#if name}}a{{else}}b{{/if}}{{#unless name}}a{{^}}c{{/unless}}`;
    expect(() => checkTemplatePart(flat, 'text', allowed)).not.toThrow();
    expect(errorOf(() => checkTemplatePart('{{#if name}}{{elsewhere}}{{/if}}', 'text', allowed)).unknownVariables).toEqual(['elsewhere']);
  });

  it('refuses a part longer than its limit before parsing', () => {
    const error = errorOf(() => checkTemplatePart('x'.repeat(EMAIL_TEMPLATE_LIMITS.length.subject + 1), 'subject', allowed));
    expect(error.tooComplex).toBe(true);
    expect(error.message).toMatch(/at most 320 characters/);
  });

  it('renders a template at the limits', async () => {
    const html = nested(EMAIL_TEMPLATE_LIMITS.depth, '<p>{{name}}</p>').padEnd(EMAIL_TEMPLATE_LIMITS.length.html, ' ');
    expect(() => checkTemplatePart(html, 'html', allowed)).not.toThrow();
    const rendered = await pool.render({ subject: 'Hi {{name}}', text: nested(EMAIL_TEMPLATE_LIMITS.depth), html }, { name: 'Ada', link: 'x' });
    expect(rendered.text).toBe('Ada');
    expect(rendered.html!.trim()).toBe('<p>Ada</p>');
  });

  it('escapes variables in html only, and keeps the subject on one line', async () => {
    const rendered = await pool.render(
      { subject: 'Hi {{name}}', text: 'Hi {{name}} {{link}}', html: '<p>{{name}}</p>' },
      { name: '<b>Tom & "Jerry"</b>\nBcc: x@y', link: 'https://x.test/?a=1&b=2' },
    );
    expect(rendered.html).toBe('<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;\nBcc: x@y</p>');
    expect(rendered.text).toBe('Hi <b>Tom & "Jerry"</b>\nBcc: x@y https://x.test/?a=1&b=2');
    expect(rendered.subject).toBe('Hi <b>Tom & "Jerry"</b> Bcc: x@y');
  });

  it('never renders a secret variable into the subject, even from a template saved before the rule', async () => {
    const rendered = await pool.render({ subject: 'Join {{link}}', text: '{{link}}', html: null }, { name: 'x', link: 'https://x.test/?token=live' }, new Set(['link']));
    expect(rendered.subject).toBe('Join [link hidden]');
    expect(rendered.text).toBe('https://x.test/?token=live');
  });

  it('fails on a missing variable (strict mode)', async () => {
    expect((await rejectionOf(pool.render({ subject: '{{name}}', text: '', html: null }, {}))).message).toMatch(/"name" not defined/);
  });

  it('stops a render that outlives its time limit and reports it as too complex', async () => {
    // A stand-in thread that never answers: the limit, not the template, decides.
    const stuck = new EmailTemplateRenderPool({ timeoutMs: 1_000, startupAllowanceMs: 0, filename: join(__dirname, 'test', 'never-finishing-render.worker.js') });
    try {
      const error = await rejectionOf(stuck.render({ subject: 'x', text: 'y', html: null }, {}));
      expect(error.tooComplex).toBe(true);
      expect(error.message).toMatch(/took longer than 1000 ms/);
    } finally {
      await stuck.close();
    }
  });
});

describe('email template render pool shutdown', () => {
  it('refuses renders once closed instead of starting a thread that would keep the process alive', async () => {
    const pool = new EmailTemplateRenderPool();
    const content = { subject: 'Hi {{name}}', text: 'x', html: null };
    expect((await pool.render(content, { name: 'Ann' })).subject).toBe('Hi Ann');
    await pool.close();
    expect(pool.threadCount).toBe(0);
    await expect(pool.render(content, { name: 'Ann' })).rejects.toThrow(/render pool is closed/);
    expect(pool.threadCount).toBe(0);
  });
});

describe('oneLine (subject)', () => {
  it('turns whitespace holding a line break into one space and keeps other whitespace', () => {
    expect(oneLine('  a \r\n\t b\n\nc  d\t')).toBe('a b c  d');
  });

  it('handles a 30,000-space variable (linear scan, no backtracking regex)', () => {
    const spaces = ' '.repeat(30_000);
    expect(oneLine(`a${spaces}b`)).toBe(`a${spaces}b`);
    expect(oneLine(`a${spaces}\n${spaces}b`)).toBe('a b');
    expect(oneLine(`${spaces}x`)).toBe('x');
  });
});
