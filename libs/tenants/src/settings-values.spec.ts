import { CURRENCIES, isTimeZone } from './settings-values';

describe('settings values', () => {
  it('accepts IANA zones and their aliases, refuses the rest', () => {
    for (const zone of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Asia/Calcutta']) expect(isTimeZone(zone)).toBe(true);
    for (const zone of ['Mars/Olympus_Mons', 'europe/paris', '', 'Europe/Paris ', 42, null]) expect(isTimeZone(zone)).toBe(false);
  });

  it('knows ISO 4217 currencies', () => {
    expect(CURRENCIES.has('EUR')).toBe(true);
    expect(CURRENCIES.has('JPY')).toBe(true);
    expect(CURRENCIES.has('XYZ')).toBe(false);
    expect(CURRENCIES.has('eur')).toBe(false);
  });
});
