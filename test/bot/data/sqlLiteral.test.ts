import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../bot/data/database.js';
import { sqlLiteral } from '../../../bot/data/preparedStatements.js';
import { openMigratedDatabase } from '../../support/database.js';

describe('values written into a turn\'s SQL as literals', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMigratedDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('when any string is made a literal, then it is exactly what pg\'s own escapeLiteral makes of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => sqlLiteral(value) === pg.escapeLiteral(value)),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("'", '\\', 'a', 'E', '$', ';', '-') }), (value) => sqlLiteral(value) === pg.escapeLiteral(value)));
  });

  it('when the database reads such a literal back, then it is the string itself: quotes and backslashes cannot end it', async () => {
    const tricky = ["o'brien", "\\'; DROP TABLE \"BotState\"; --", '\\\\x', "'' OR 1=1", '$$', 'Ærø 🙂 ﬁ', '{"a":"b\\"c"}'];
    for (const value of tricky) {
      const { rows } = await db.pool.query<{ v: string }>(`SELECT ${sqlLiteral(value)} AS v`);
      expect(rows[0]?.v).toBe(value);
    }
  });
});
