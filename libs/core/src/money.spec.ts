import { formatMoney } from './money';

describe('formatMoney', () => {
  it('reads minor units with the currency\'s own decimals', () => {
    expect(formatMoney(4900, 'eur')).toBe('€49.00');
    expect(formatMoney(500, 'JPY')).toBe('¥500');
    expect(formatMoney(1234, 'KWD')).toMatch(/^KWD\s1\.234$/u);
    expect(formatMoney(-250, 'USD')).toBe('-$2.50');
  });
});
