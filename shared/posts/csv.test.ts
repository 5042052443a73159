import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsvRow, parseCsv } from './csv.ts';

describe('parseCsv / formatCsvRow', () => {
  const awkward = [
    ['plain', 'with, comma', 'with "quotes"', 'multi\nline\ntext', ''],
    ['  leading space', 'trailing space ', '"', ',', 'crlf\r\ninside'],
    ['émoji 🚀', '', '', '', 'end'],
  ];

  it('round-trips awkward fields exactly', () => {
    const text = awkward.map(formatCsvRow).join('');
    expect(parseCsv(text).map((r) => r.fields)).toEqual(awkward);
  });

  it('reports the line each record starts on, counting newlines inside quotes', () => {
    const text = 'a,b\n"x\ny",1\nz,2\n';
    expect(parseCsv(text).map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('accepts CRLF records, a BOM and a missing final newline; skips blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2\r\n\r\n3,4').map((r) => r.fields)).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('keeps empty cells, including trailing ones', () => {
    expect(parseCsv('a,,\n').map((r) => r.fields)).toEqual([['a', '', '']]);
  });

  it('throws a CsvSyntaxError naming the line of an unterminated quote', () => {
    expect(() => parseCsv('a\n"open\nstill open')).toThrowError(CsvSyntaxError);
    expect(() => parseCsv('a\n"open\nstill open')).toThrowError(/line 2/);
  });
});
