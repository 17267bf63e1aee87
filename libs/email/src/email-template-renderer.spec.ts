import { checkTemplatePart, EmailTemplateError, renderEmail } from './email-template-renderer';

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

describe('email template renderer', () => {
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

  it('escapes variables in html only, and keeps the subject on one line', () => {
    const rendered = renderEmail(
      { subject: 'Hi {{name}}', text: 'Hi {{name}} {{link}}', html: '<p>{{name}}</p>' },
      { name: '<b>Tom & "Jerry"</b>\nBcc: x@y', link: 'https://x.test/?a=1&b=2' },
    );
    expect(rendered.html).toBe('<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;\nBcc: x@y</p>');
    expect(rendered.text).toBe('Hi <b>Tom & "Jerry"</b>\nBcc: x@y https://x.test/?a=1&b=2');
    expect(rendered.subject).toBe('Hi <b>Tom & "Jerry"</b> Bcc: x@y');
  });

  it('fails on a missing variable (strict mode)', () => {
    expect(errorOf(() => renderEmail({ subject: '{{name}}', text: '', html: null }, {})).message).toMatch(/"name" not defined/);
  });
});
