import { csvRow } from './csv-row';

const cell = (value: unknown) => {
  const line = csvRow([value]);
  expect(line.endsWith('\r\n')).toBe(true);
  return line.slice(0, -2);
};

describe('csvRow', () => {
  it('quotes every cell, doubles quotes inside, and ends the line with CRLF', () => {
    expect(csvRow(['a', 'b c', 42, null, undefined])).toBe('"a","b c","42","",""\r\n');
    expect(cell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(cell('line1\nline2')).toBe('"line1\nline2"');
    expect(cell(new Date('2026-01-02T03:04:05.000Z'))).toBe('"2026-01-02T03:04:05.000Z"');
    expect(cell({ a: 1 })).toBe('"{""a"":1}"');
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t'=1"],
    ['\r=1', "'\r'=1"],
    ['＝1+2', "'＝1+2"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
  ])('neutralises a cell starting with a formula trigger: %j', (input, expected) => {
    expect(cell(input)).toBe(`"${expected}"`);
  });

  it.each([
    ['Mozilla;=1+2', "Mozilla;'=1+2"],
    ['a,=1+2', "a,'=1+2"],
    ['a|=cmd', "a|'=cmd"],
    ['a\t+1', "a\t'+1"],
    ['a\n@x', "a\n'@x"],
    ['a\r\n-1+1', "a\r\n'-1+1"],
    ['a；=1', "a；'=1"],
    ['a;＝1', "a;'＝1"],
    ['x;=1;+2,-3', "x;'=1;'+2,'-3"],
  ])('neutralises a formula after a separator-like character: %j', (input, expected) => {
    expect(cell(input)).toBe(`"${expected}"`);
  });

  it('neutralises a formula behind quotes after a separator (a field that a ;-separated read would unquote)', () => {
    expect(cell('a;"=1+2"')).toBe(`"a;""'=1+2"""`);
    expect(cell('"=HYPERLINK(""http://evil"")"')).toBe(`"""'=HYPERLINK(""""http://evil"""")"""`);
  });

  it('leaves harmless text alone', () => {
    for (const text of ['hello', 'a-b', '2026-01-02', 'x=1', 'user@example.test', 'a + b', 'a; b', '', '   ']) expect(cell(text)).toBe(`"${text}"`);
  });
});
