import { validate, version } from 'uuid';
import { isUuid, newId } from './ids';

describe('newId', () => {
  it('makes RFC 9562 version 7 ids that carry the current time and sort in the order they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 5000 }, () => newId());
    const after = Date.now();
    expect(ids.filter((id) => !validate(id) || version(id) !== 7 || !'89ab'.includes(id[19]!) || !isUuid(id))).toEqual([]);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const ms = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms(ids[0]!)).toBeGreaterThanOrEqual(before);
    expect(ms(ids.at(-1)!)).toBeLessThanOrEqual(after + 1);
  });
});
