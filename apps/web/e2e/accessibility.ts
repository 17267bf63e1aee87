import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);
/** The DOM must stay unchanged this long before a page state is checked (Mantine's transitions are off under reduced motion). */
const QUIET_MS = 300;
/** Third-party UIs served beside the SPA (Swagger UI, the queue dashboard): not ours to fix, so not checked. */
const UNCHECKED_PATHS = /^\/(api|admin\/queues)(\/|$)/;

export interface AccessibilityViolation {
  url: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

/**
 * Runs in every document: tells Node each time the DOM has settled (no mutation for QUIET_MS), so each
 * state a spec reaches (a page, an open modal, menu or drawer, a notification, dark mode) is checked.
 */
const SETTLE_SCRIPT = `(() => {
  if (window.top !== window) return;
  let timer;
  let quiet = false;
  const waiting = [];
  const settled = () => {
    quiet = true;
    while (waiting.length) waiting.shift()();
    if (typeof window.__a11ySettled === 'function') window.__a11ySettled();
  };
  // Counts DOM changes, so a check can tell whether the page changed while axe was reading it.
  window.__a11yMutations = 0;
  const changed = () => { window.__a11yMutations += 1; quiet = false; clearTimeout(timer); timer = setTimeout(settled, ${QUIET_MS}); };
  // A page that never settles (a ticking clock) is checked as it is after a few seconds.
  window.__a11yQuiet = () => (quiet ? Promise.resolve() : new Promise((resolve) => { waiting.push(resolve); setTimeout(resolve, 5000); }));
  const start = () => {
    new MutationObserver(changed).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
    changed();
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();`;

/**
 * An error from a page that navigated, closed or was between documents while it was checked (Chromium's
 * "Frame cannot run scripts" when a click opens another tab mid-check): its next state is checked instead.
 */
function isGone(error: unknown): boolean {
  return /Execution context was destroyed|Target .*closed|has been closed|navigat|Frame was detached|frame got detached|Frame cannot run scripts/i.test(String(error));
}

function mutations(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __a11yMutations?: number }).__a11yMutations ?? 0);
}

function checked(page: Page): boolean {
  if (page.isClosed()) return false;
  const url = new URL(page.url(), 'http://x');
  return url.protocol.startsWith('http') && !UNCHECKED_PATHS.test(url.pathname);
}

/**
 * Checks every page of the watched browser contexts with axe-core (WCAG 2.1 A/AA rules) each time its
 * DOM settles, and once more at the end; collects the violations of impact serious or critical.
 */
export class AccessibilityWatch {
  private readonly violations = new Map<string, AccessibilityViolation>();
  private readonly errors: string[] = [];
  private readonly pending = new Map<Page, { run: Promise<void>; again: boolean }>();
  private readonly pages = new Set<Page>();
  private closing = false;
  /** Page states checked (one per settle): shown in the report so a silent watcher is noticed. */
  states = 0;

  async watch(context: BrowserContext): Promise<void> {
    await context.exposeBinding('__a11ySettled', ({ page }) => {
      this.schedule(page);
    });
    await context.addInitScript({ content: SETTLE_SCRIPT });
    for (const page of context.pages()) this.pages.add(page);
    context.on('page', (page) => this.pages.add(page));
  }

  private schedule(page: Page): void {
    if (this.closing) return;
    this.pages.add(page);
    const current = this.pending.get(page);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: false, run: Promise.resolve() };
    entry.run = (async () => {
      do {
        entry.again = false;
        await this.check(page);
      } while (entry.again && !this.closing);
      this.pending.delete(page);
    })();
    this.pending.set(page, entry);
  }

  /**
   * Checks the page's current state; false when the DOM changed while axe read it (nothing is recorded
   * then), unless `always` (a page that never stays still is judged as it is).
   */
  private async check(page: Page, always = false): Promise<boolean> {
    if (!checked(page)) return true;
    const url = page.url();
    let results: AxeResults;
    try {
      const before = await mutations(page);
      results = await this.analyze(page);
      // axe reads the DOM in many steps: a change under way (a modal closing as the spec clicks on) can
      // pair a dialog read before it with its title read after it was removed. Such a reading describes
      // no state the page was in; the change schedules a new check of the state it leads to.
      const after = await mutations(page);
      if (!always && after !== before) return false;
    } catch (error) {
      // A page that navigated away meanwhile (a full load replaces the document axe was injected into) is
      // checked again when its new document settles.
      if (!page.isClosed() && !isGone(error) && page.url() === url) this.errors.push(`axe could not check ${url}: ${String(error)}`);
      return true;
    }
    this.states += 1;
    for (const violation of results.violations) {
      if (!FAILING_IMPACTS.has(violation.impact ?? '')) continue;
      for (const node of violation.nodes) {
        const targets = node.target.map((target) => JSON.stringify(target));
        const key = `${new URL(url).pathname} ${violation.id} ${targets.join(' ')}`;
        if (this.violations.has(key)) continue;
        this.violations.set(key, {
          url,
          rule: violation.id,
          impact: violation.impact ?? '',
          help: violation.help,
          targets,
          summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
        });
      }
    }
    return true;
  }

  private async analyze(page: Page): Promise<AxeResults> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Legacy mode runs axe inside the page; the default mode opens a blank page in the context for
        // every check, which a spec waiting for a new tab (context.waitForEvent('page')) would take.
        return await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ['violations'] }).setLegacyMode(true).analyze();
      } catch (error) {
        // A document that replaced the one axe was injected into (a full page load) has no axe yet: inject again.
        if (attempt < 3 && /reading 'run'|axe is not defined/.test(String(error))) {
          await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
          continue;
        }
        throw error;
      }
    }
  }

  /** Waits for the checks under way, checks each open page once more when it is quiet, and returns what failed. */
  async finish(): Promise<{ violations: AccessibilityViolation[]; errors: string[] }> {
    this.closing = true;
    await Promise.all([...this.pending.values()].map((entry) => entry.run));
    for (const page of this.pages) {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        if (!checked(page)) break;
        try {
          await page.evaluate(() => (window as unknown as { __a11yQuiet?: () => Promise<void> }).__a11yQuiet?.());
        } catch (error) {
          if (!isGone(error)) throw error;
        }
        if (await this.check(page, attempt === 5)) break;
      }
    }
    return { violations: [...this.violations.values()], errors: this.errors };
  }
}

export function describeViolations(violations: AccessibilityViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.rule} on ${new URL(v.url).pathname}: ${v.help}\n    at ${v.targets.join(', ')}\n    ${v.summary}`)
    .join('\n');
}
