import { IsInt, IsString, Min, validate } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

describe('the cached class-validator rule lookup', () => {
  beforeAll(() => cacheValidationMetadata());

  class Base {
    @IsString()
    name!: string;
  }
  class Child extends Base {
    @IsInt()
    @Min(1)
    count!: number;
  }

  const errorsOf = async (value: object) => (await validate(value)).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).sort().join(',')}`).sort();

  it('answers what the uncached lookup does, inherited rules included, on every call', async () => {
    for (let i = 0; i < 3; i++) {
      expect(await errorsOf(Object.assign(new Child(), { name: 1, count: 0 }))).toEqual(['count:min', 'name:isString']);
      expect(await errorsOf(Object.assign(new Child(), { name: 'a', count: 2 }))).toEqual([]);
      expect(await errorsOf(Object.assign(new Base(), { name: 2 }))).toEqual(['name:isString']);
    }
  });

  it('forgets its answers when a decorator registers a rule later', async () => {
    class Late {
      @IsInt()
      count!: number;
      value!: string;
    }
    expect(await errorsOf(Object.assign(new Late(), { count: 1, value: 3 }))).toEqual([]);
    IsString()(Late.prototype, 'value');
    expect(await errorsOf(Object.assign(new Late(), { count: 1, value: 3 }))).toEqual(['value:isString']);
  });
});
