import Handlebars from 'handlebars';

/** An isolated Handlebars: no helpers or partials registered by anyone else leak into emails. */
const handlebars = Handlebars.create();

export type EmailTemplatePart = 'subject' | 'text' | 'html';

export interface EmailContent {
  subject: string;
  text: string;
  html: string | null;
}

/** A template that does not parse, uses something other than variables and if/unless, or names unknown variables. */
export class EmailTemplateError extends Error {
  constructor(
    readonly part: EmailTemplatePart,
    message: string,
    readonly unknownVariables: string[] = [],
  ) {
    super(message);
  }
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

/** Parses a template part and checks it only uses the allowed variables; throws EmailTemplateError otherwise. */
export function checkTemplatePart(source: string, part: EmailTemplatePart, allowed: ReadonlySet<string>): void {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(source);
  } catch (error) {
    throw new EmailTemplateError(part, `${part}: ${(error as Error).message}`);
  }
  const used = new Set<string>();
  collectVariables(program, part, used);
  const unknown = [...used].filter((name) => !allowed.has(name)).sort();
  if (unknown.length) {
    throw new EmailTemplateError(part, `${part} uses unknown variables: ${unknown.join(', ')} (allowed: ${[...allowed].join(', ')})`, unknown);
  }
}

/**
 * Renders one part in strict mode (a missing variable throws). Variables are HTML-escaped in html,
 * inserted as they are in text and subject; a subject stays on one line.
 */
export function renderTemplatePart(source: string, part: EmailTemplatePart, variables: Record<string, string>): string {
  try {
    const rendered = handlebars.compile(source, { strict: true, noEscape: part !== 'html' })(variables);
    return part === 'subject' ? rendered.replace(/\s*[\r\n]+\s*/g, ' ').trim() : rendered;
  } catch (error) {
    throw new EmailTemplateError(part, `${part}: ${(error as Error).message}`);
  }
}

export function renderEmail(content: EmailContent, variables: Record<string, string>): EmailContent {
  return {
    subject: renderTemplatePart(content.subject, 'subject', variables),
    text: renderTemplatePart(content.text, 'text', variables),
    html: content.html === null ? null : renderTemplatePart(content.html, 'html', variables),
  };
}
