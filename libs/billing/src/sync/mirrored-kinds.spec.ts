import { comparable, driftedColumns, MIRRORED_KINDS } from './mirrored-kinds';

const customers = MIRRORED_KINDS.find((k) => k.name === 'customers')!;
const products = MIRRORED_KINDS.find((k) => k.name === 'products')!;

describe('mirrored kinds: comparing Stripe objects with mirror rows', () => {
  it('every kind has one name and one table', () => {
    expect(new Set(MIRRORED_KINDS.map((k) => k.name)).size).toBe(MIRRORED_KINDS.length);
    expect(new Set(MIRRORED_KINDS.map((k) => k.table)).size).toBe(MIRRORED_KINDS.length);
  });

  it('compares values as PostgreSQL returns them: bigint text, booleans, jsonb with keys in any order', () => {
    expect(comparable(0)).toBe(comparable('0'));
    expect(comparable(false)).toBe(comparable('false'));
    expect(comparable({ b: 1, a: 2 })).toBe(comparable({ a: 2, b: 1 }));
    expect(comparable('["x"]')).toBe(comparable(['x']));
    expect(comparable(null)).toBe(comparable(undefined));
    expect(comparable('a')).not.toBe(comparable('b'));
  });

  it('finds the drifted columns of a row, metadata and a tombstone included', () => {
    const object = { id: 'cus_1', object: 'customer', email: 'new@example.test', name: 'N', currency: 'usd', balance: 0, delinquent: false, metadata: { tenant_id: 't', b: '1' } };
    const row = { email: 'new@example.test', name: 'N', phone: null, currency: 'USD', balance: '0', delinquent: false, metadata: { b: '1', tenant_id: 't' }, deleted_at: null };
    expect(driftedColumns(customers, object, row)).toEqual([]);
    expect(driftedColumns(customers, object, { ...row, email: 'old@example.test', metadata: {} })).toEqual(['email', 'metadata']);
    expect(driftedColumns(customers, object, { ...row, deleted_at: new Date() })).toEqual(['deleted_at']);
    const product = { id: 'prod_1', object: 'product', name: 'P', description: null, active: true, default_price: null, marketing_features: [{ name: 'A' }], metadata: {} };
    expect(driftedColumns(products, product, { name: 'P', description: null, active: true, default_price: null, features: ['A'], metadata: {}, deleted_at: null })).toEqual([]);
  });
});
