import { createFormat, currencyDigits, majorUnits, minorUnits } from '../src/components/format';
import { expect, login, NEW_PASSWORD, signUpTenant, test } from './fixtures';

// The helper itself (pure, run here in Node), then a page showing it with a tenant's settings in the browser.
// ICU versions differ in which space they put before "PM" or a currency sign: compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const spacedLike = (text: string) => new RegExp(`^${plain(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s')}$`);

test.describe('the formatting helper', () => {
  const instant = '2026-03-04T23:30:00Z';

  test('dates are shown in the given time zone and locale', () => {
    const tokyo = createFormat({ locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    expect(plain(tokyo.date(instant))).toBe('5 Mar 2026');
    expect(plain(tokyo.dateTime(instant))).toBe('5 Mar 2026, 08:30');
    expect(plain(tokyo.exact(instant))).toBe('5 March 2026 at 08:30:00 GMT+9');
    const newYork = createFormat({ locale: 'en-US', timeZone: 'America/New_York' });
    expect(plain(newYork.date(instant))).toBe('Mar 4, 2026');
    expect(plain(newYork.time(instant))).toBe('6:30 PM');
    expect(plain(createFormat({ locale: 'de-DE', timeZone: 'Europe/Berlin' }).dateTime(instant))).toBe('05.03.2026, 00:30');
    // A calendar day stays that day in every zone.
    expect(plain(tokyo.day('2026-03-04'))).toBe('4 Mar 2026');
    expect(plain(newYork.day('2026-03-04'))).toBe('Mar 4, 2026');
    expect(plain(tokyo.date(null))).toBe('—');
  });

  test('relative times pick the unit people expect', () => {
    const format = createFormat({ locale: 'en-US', timeZone: 'UTC' });
    const now = new Date('2026-03-04T12:00:00Z');
    const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
    expect(plain(format.relative(ago(20), now))).toBe('now');
    expect(plain(format.relative(ago(3 * 60), now))).toBe('3 minutes ago');
    expect(plain(format.relative(ago(2 * 3600 + 600), now))).toBe('2 hours ago');
    expect(plain(format.relative(ago(86_400), now))).toBe('yesterday');
    expect(plain(format.relative(ago(-3 * 86_400), now))).toBe('in 3 days');
    expect(plain(format.relative(ago(400 * 86_400), now))).toBe('last year');
    expect(plain(createFormat({ locale: 'de-DE' }).relative(ago(5 * 60), now))).toBe('vor 5 Minuten');
  });

  test('durations in the largest unit that fits, rounded', () => {
    const format = createFormat({ locale: 'en-US', timeZone: 'UTC' });
    expect(plain(format.duration(0))).toBe('0 sec');
    expect(plain(format.duration(42))).toBe('42 sec');
    expect(plain(format.duration(80))).toBe('80 sec');
    expect(plain(format.duration(150))).toBe('3 min');
    expect(plain(format.duration(2 * 3600))).toBe('2 hr');
    expect(plain(format.duration(3 * 86_400))).toBe('3 days');
    expect(plain(format.duration(null))).toBe('—');
  });

  test('money in minor units of its currency, exact, in the tenant currency by default', () => {
    const format = createFormat({ locale: 'en-US', currency: 'EUR' });
    expect(plain(format.money(123456))).toBe('€1,234.56');
    expect(plain(format.money(5))).toBe('€0.05');
    expect(plain(format.money(-250))).toBe('-€2.50');
    expect(plain(format.money(1234, 'JPY'))).toBe('¥1,234');
    expect(plain(format.money(1234, 'kwd'))).toBe('KWD 1.234');
    // Beyond float's exact cents: 2^53 - 1 minor units.
    expect(plain(format.money(Number.MAX_SAFE_INTEGER, 'USD'))).toBe('$90,071,992,547,409.91');
    expect(plain(createFormat({ locale: 'de-DE', currency: 'EUR' }).money(123456))).toBe('1.234,56 €');
    expect(plain(createFormat({ locale: 'en-US' }).money(100))).toBe('¤1.00');
    expect(() => format.money(1.5)).toThrow(RangeError);
  });

  test('an amount typed in major units becomes exact minor units of its currency, zero-decimal ones included', () => {
    expect([currencyDigits('usd'), currencyDigits('JPY'), currencyDigits('KWD')]).toEqual([2, 0, 3]);
    expect(minorUnits('12.5', 'USD')).toBe(1250);
    expect(minorUnits(' 12,50 ', 'EUR')).toBe(1250);
    // 0.29 * 100 is 28.999999999999996 in floating point: digits are moved, never multiplied.
    expect(minorUnits('0.29', 'USD')).toBe(29);
    expect(minorUnits('1.005', 'KWD')).toBe(1005);
    expect(minorUnits('19.99', 'usd')).toBe(1999);
    expect(minorUnits('1 000', 'USD')).toBe(100000);
    expect(minorUnits('1200', 'JPY')).toBe(1200);
    expect(minorUnits('12.', 'USD')).toBe(1200);
    expect(minorUnits('0', 'USD')).toBe(0);
    // More decimals than the currency has, signs, words, grouping commas and unknown currencies are refused.
    for (const [typed, currency] of [['1200.5', 'JPY'], ['1.999', 'USD'], ['-5', 'USD'], ['abc', 'USD'], ['', 'USD'], ['1,000.00', 'USD'], ['1e3', 'USD'], ['5', 'ZZZZ']]) {
      expect(minorUnits(typed, currency), `${typed} ${currency}`).toBeNull();
    }
    expect(minorUnits('90071992547409.91', 'USD')).toBe(Number.MAX_SAFE_INTEGER);
    expect(minorUnits('90071992547409.92', 'USD')).toBeNull();
    // And back, for a form showing an existing price.
    expect([majorUnits(1250, 'USD'), majorUnits(5, 'EUR'), majorUnits(1200, 'JPY'), majorUnits(1005, 'KWD')]).toEqual(['12.50', '0.05', '1200', '1.005']);
    expect(minorUnits(majorUnits(1999, 'USD'), 'USD')).toBe(1999);
  });
});

test.describe('in the browser', () => {
  // The browser sits in New York with a German locale; the tenant keeps its books in Tokyo.
  test.use({ locale: 'de-DE', timezoneId: 'America/New_York' });

  test('the audit log shows relative times, with the exact time in the tenant time zone on hover', async ({ page, request }) => {
    const tenant = await signUpTenant(request, 'Format');
    const headers = { Authorization: `Bearer ${tenant.token}` };
    const patched = await request.patch('/api/v1/tenant', { headers, data: { settings: { timezone: 'Asia/Tokyo' } } });
    expect(patched.ok(), await patched.text()).toBeTruthy();
    const logs = await request.get('/api/v1/audit-logs?limit=1', { headers });
    expect(logs.ok(), await logs.text()).toBeTruthy();
    const [latest] = ((await logs.json()) as { data: { createdAt: string }[] }).data;

    await login(page, tenant.ownerEmail, NEW_PASSWORD);
    await page.goto('/audit-log');
    // Logging in adds rows above it: find the settings change by its timestamp.
    const time = page.getByTestId('audit-row').locator(`time[datetime="${latest.createdAt}"]`);
    await expect(time).toHaveAttribute('title', spacedLike(createFormat({ locale: 'de-DE', timeZone: 'Asia/Tokyo' }).exact(latest.createdAt)));
    await expect(time).toHaveText(/^(jetzt|vor \d+ (Sekunden|Minuten?))$/);
  });
});
