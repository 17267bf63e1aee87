import { Code, ScrollArea } from '@mantine/core';

/** A monospaced body (JSON pretty-printed when it parses), scrolled when long (the scrolled part takes keyboard focus, so arrows scroll it). */
export function CodeBlock({ value, maxHeight = 260, testId }: { value: string | null; maxHeight?: number; testId?: string }) {
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto" viewportProps={{ tabIndex: 0 }}>
      <Code block data-testid={testId} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {value === null || value === '' ? '(empty)' : prettyJson(value)}
      </Code>
    </ScrollArea.Autosize>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
