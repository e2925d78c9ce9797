import { describe, expect, it } from 'vitest';
import { importIsClean, parseCsv, previewCitizenImport } from '../../domain/citizenImport.js';

const caseworkers = new Map([
  ['mette@example.dk', { id: 'mette', active: true }],
  ['gone@example.dk', { id: 'gone', active: false }],
]);

describe('parseCsv', () => {
  it.each([
    ['when fields are separated by commas, then they are split', 'a,b\r\nc,d\n', [['a', 'b'], ['c', 'd']]],
    ['when Danish Excel uses semicolons, then they are the delimiter', 'navn;e-mail\nJensen, Anna;a@b.dk', [['navn', 'e-mail'], ['Jensen, Anna', 'a@b.dk']]],
    ['when a field is quoted with a doubled quote inside, then it is kept whole', '"Anna ""Nanna"" Berg",x', [['Anna "Nanna" Berg', 'x']]],
    ['when there are blank lines and a byte-order mark, then they are ignored', '\uFEFFa,b\n\n,\nc,d', [['a', 'b'], ['c', 'd']]],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });
});

describe('previewCitizenImport', () => {
  it('when one of three rows names an unknown caseworker, then the preview names that row and the import is not clean', () => {
    const preview = previewCitizenImport(
      'navn,sagsbehandler,forløb,sprog\nAnna,mette@example.dk,uddannelseshjaelp,da\nBo,ukendt@example.dk,,da\nCai,METTE@example.dk,,engelsk\n',
      caseworkers,
    );
    expect(preview.rows.map((row) => [row.line, row.name, row.caseworkerId, row.locale, row.problems])).toEqual([
      [2, 'Anna', 'mette', 'da', []],
      [3, 'Bo', null, 'da', ['caseworkerUnknown']],
      [4, 'Cai', 'mette', 'en', []],
    ]);
    expect(importIsClean(preview)).toBe(false);
  });

  it.each([
    ['when the name is empty, then it says so', ',mette@example.dk,,da', ['nameMissing']],
    ['when the caseworker has left, then it says so', 'Dina,gone@example.dk,,da', ['caseworkerInactive']],
    ['when the language is unknown, then it says so', 'Eva,mette@example.dk,,fr', ['localeUnknown']],
    ['when everything is right, then there is no problem', 'Finn,mette@example.dk,flexjob,', []],
  ])('%s', (_name, line, problems) => {
    expect(previewCitizenImport(`name,caseworker e-mail,programme,locale\n${line}`, caseworkers).rows[0]?.problems).toEqual(problems);
  });

  it.each([
    ['when the header lacks the caseworker column, then nothing is read', 'navn,forløb\nAnna,x', 'noHeader'],
    ['when there are no rows, then it says so', 'navn,sagsbehandler\n', 'noRows'],
  ])('%s', (_name, text, problem) => {
    const preview = previewCitizenImport(text, caseworkers);
    expect(preview.headerProblem).toBe(problem);
    expect(importIsClean(preview)).toBe(false);
  });
});
