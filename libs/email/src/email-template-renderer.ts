import Handlebars from 'handlebars';
import { checkTemplateBounds } from './email-template-bounds';
import { EmailTemplateError, type EmailTemplatePart } from './email-template.error';

/** An isolated Handlebars: no helpers or partials registered by anyone else leak into emails. */
const handlebars = Handlebars.create();

export interface EmailContent {
  subject: string;
  text: string;
  html: string | null;
}

type Node = hbs.AST.Node;
const CONDITIONALS = new Set(['if', 'unless']);

function variableOf(expression: hbs.AST.Expression, part: EmailTemplatePart): string {
  const path = expression as hbs.AST.PathExpression;
  if (path.type !== 'PathExpression' || path.data || path.depth > 0 || path.parts.length !== 1) {
    const shown = (path as { original?: unknown }).original ?? expression.type;
    throw new EmailTemplateError(part, `${part}: "${String(shown)}" is not a variable name`);
  }
  return path.parts[0];
}

function collectVariables(node: Node, part: EmailTemplatePart, found: Set<string>): void {
  switch (node.type) {
    case 'Program':
      for (const statement of (node as hbs.AST.Program).body) collectVariables(statement, part, found);
      return;
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const mustache = node as hbs.AST.MustacheStatement;
      if (mustache.params.length || mustache.hash) throw new EmailTemplateError(part, `${part}: helpers are not supported, only {{variable}}`);
      if (!mustache.escaped && part === 'html') {
        throw new EmailTemplateError(part, 'html: triple braces (unescaped output) are not allowed, use {{variable}}');
      }
      found.add(variableOf(mustache.path, part));
      return;
    }
    case 'BlockStatement': {
      const block = node as hbs.AST.BlockStatement;
      const helper = (block.path as hbs.AST.PathExpression).original;
      if (!CONDITIONALS.has(helper) || block.params.length !== 1 || block.hash) {
        throw new EmailTemplateError(part, `${part}: only {{#if variable}} and {{#unless variable}} blocks are supported`);
      }
      found.add(variableOf(block.params[0], part));
      if (block.program) collectVariables(block.program, part, found);
      if (block.inverse) collectVariables(block.inverse, part, found);
      return;
    }
    default:
      throw new EmailTemplateError(part, `${part}: ${node.type.replace(/Statement$/, '').toLowerCase()} is not supported`);
  }
}

/**
 * Parses a template part and checks it only uses the allowed variables (and, in the subject, none of
 * the secret ones); throws EmailTemplateError otherwise. Its size and nesting are checked first.
 */
export function checkTemplatePart(source: string, part: EmailTemplatePart, allowed: ReadonlySet<string>, secrets: ReadonlySet<string> = new Set()): void {
  checkTemplateBounds(source, part);
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    throw new EmailTemplateError(part, `${part}: ${(error as Error).message}`);
  }
  const used = new Set<string>();
  collectVariables(program, part, used);
  const secret = part === 'subject' ? [...used].filter((name) => secrets.has(name)).sort() : [];
  if (secret.length) {
    throw new EmailTemplateError(part, `subject: ${secret.join(', ')} carries a secret (a link with a token) and may appear only in the text or html body`, [], secret);
  }
  const unknown = [...used].filter((name) => !allowed.has(name)).sort();
  if (unknown.length) {
    throw new EmailTemplateError(part, `${part} uses unknown variables: ${unknown.join(', ')} (allowed: ${[...allowed].join(', ')})`, unknown);
  }
}

/** Whitespace that holds a line break becomes one space: a subject stays on one line. Linear in the length. */
export function oneLine(value: string): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (!/\s/.test(value[i])) {
      out += value[i++];
      continue;
    }
    const start = i;
    let lineBreak = false;
    while (i < value.length && /\s/.test(value[i])) {
      if (value[i] === '\n' || value[i] === '\r') lineBreak = true;
      i++;
    }
    out += lineBreak ? ' ' : value.slice(start, i);
  }
  return out.trim();
}

/** What a secret variable shows where it may not appear (subjects, the email log). */
export const hiddenSecret = (name: string): string => `[${name} hidden]`;

/** The variables as a subject sees them: secret ones replaced by their placeholder. */
export function subjectVariables(variables: Record<string, string>, secrets: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, secrets.has(name) ? hiddenSecret(name) : value]));
}

/** Text with every secret value in it replaced by its placeholder (what the email log keeps). */
export function redactSecrets(text: string, variables: Record<string, string>, secrets: ReadonlySet<string>): string {
  let redacted = text;
  for (const name of secrets) {
    const value = variables[name];
    if (value) redacted = redacted.split(value).join(hiddenSecret(name));
  }
  return redacted;
}
