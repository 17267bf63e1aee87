import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** Runs the project's ESLint config (the one `npm test` runs) on a snippet, as if it lived at `filePath`. */
function lint(source: string, filePath = 'libs/core/src/sample.ts'): string[] {
  const result = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', '--stdin', '--stdin-filename', filePath], { cwd: root, input: source, encoding: 'utf8' });
  const [report] = JSON.parse(result.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
  return report.messages.map((m) => m.ruleId);
}

describe('regex safety lint', () => {
  it('refuses regexes with exponential or quadratic backtracking', () => {
    expect(lint('export const nested = /^(a+)+$/;')).toContain('regexp/no-super-linear-backtracking');
    expect(lint('export const exchange = /^\\s*(.+)\\s*$/;')).toContain('regexp/no-super-linear-backtracking');
    expect(lint("export const collapse = (s: string) => s.replace(/\\s*[\\r\\n]+\\s*/g, ' ');")).toContain('regexp/no-super-linear-move');
  });

  it('accepts linear regexes, and covers scripts/ and bench/ too', () => {
    expect(lint('export const slug = /^[a-z0-9-]{1,60}$/;')).toEqual([]);
    expect(lint('export const nested = /^(a+)+$/;', 'scripts/sample.mjs')).toContain('regexp/no-super-linear-backtracking');
    expect(lint('export const nested = /^(a+)+$/;', 'bench/sample.mjs')).toContain('regexp/no-super-linear-backtracking');
  });
});
