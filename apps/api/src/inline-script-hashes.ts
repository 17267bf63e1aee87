import { createHash } from 'node:crypto';

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** Types a browser runs; anything else (application/json, templates) is data that CSP ignores. */
const EXECUTABLE_TYPE = /^(?:module|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)?$/i;

function typeOf(attributes: string): string {
  return /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes)?.slice(1).find((v) => v !== undefined)?.trim() ?? '';
}

/** CSP source expressions ('sha256-…') for every inline script a page would run. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, body] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || !EXECUTABLE_TYPE.test(typeOf(attributes))) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}
