/** One gauge a scrape collector fills. */
export interface ScrapeGaugeDefinition {
  name: string;
  help: string;
  labelNames?: string[];
}

export interface ScrapeSample {
  /** Name of one of the collector's gauges. */
  gauge: string;
  labels?: Record<string, string>;
  value: number;
}

/**
 * Gauges read fresh on every scrape (queue depths, outbox lag, dead letters). A collector that fails
 * or outlasts its timeout leaves its gauges empty for that scrape instead of holding the scrape up.
 */
export interface ScrapeCollector {
  name: string;
  gauges: ScrapeGaugeDefinition[];
  collect(): Promise<ScrapeSample[]>;
  /** Default 1500 ms. */
  timeoutMs?: number;
}
