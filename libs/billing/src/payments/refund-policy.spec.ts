import { refundQuote, type QuoteInput } from './refund-policy';

const DAY = 86_400_000;
const now = new Date('2026-12-04T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);
const base: QuoteInput = { refundable: 4000, received: 5000, refunded: 1000, succeededAt: ago(3), periodStart: null, periodEnd: null, now };

describe('refundQuote', () => {
  it('suggests everything left within the window (mode full), nothing after it', () => {
    expect(refundQuote({ windowDays: 14, mode: 'full' }, base)).toEqual({ suggested: 4000, reason: 'within-window' });
    expect(refundQuote({ windowDays: 14, mode: 'full' }, { ...base, succeededAt: ago(14) })).toEqual({ suggested: 4000, reason: 'within-window' });
    expect(refundQuote({ windowDays: 14, mode: 'full' }, { ...base, succeededAt: ago(14.01) })).toEqual({ suggested: 0, reason: 'outside-window' });
    expect(refundQuote({ windowDays: 0, mode: 'full' }, base)).toEqual({ suggested: 0, reason: 'outside-window' });
    expect(refundQuote({ windowDays: 30, mode: 'full' }, { ...base, succeededAt: null })).toEqual({ suggested: 0, reason: 'outside-window' });
  });

  it('prorates on the unused part of the paid period, less what is refunded, never above what is left', () => {
    const period = { periodStart: ago(10), periodEnd: new Date(now.getTime() + 20 * DAY) };
    // 3000 × 20/30 = 2000, less 500 refunded.
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, { ...base, ...period, received: 3000, refunded: 500, refundable: 2500 })).toEqual({ suggested: 1500, reason: 'prorated' });
    // Rounded to the nearest minor unit: 1000 × 20/30 = 666.67.
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, { ...base, ...period, received: 1000, refunded: 0, refundable: 1000 })).toEqual({ suggested: 667, reason: 'prorated' });
    // Held by other requests: never more than is left.
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, { ...base, ...period, received: 3000, refunded: 0, refundable: 100 })).toEqual({ suggested: 100, reason: 'prorated' });
    // Refunded beyond the unused part already; a period over: nothing.
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, { ...base, ...period, received: 3000, refunded: 2500, refundable: 500 })).toEqual({ suggested: 0, reason: 'prorated' });
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, { ...base, periodStart: ago(40), periodEnd: ago(10), succeededAt: ago(5) })).toEqual({ suggested: 0, reason: 'prorated' });
    // No period to prorate on: everything left.
    expect(refundQuote({ windowDays: 30, mode: 'prorated' }, base)).toEqual({ suggested: 4000, reason: 'within-window' });
  });
});
