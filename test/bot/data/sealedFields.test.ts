import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../bot/app.js';
import { FieldCipher, isSealed } from '../../../bot/data/fieldCipher.js';
import { RELATIONS_TO_SEALED, SEALED_FIELDS, sealArgs, sealColumn } from '../../../bot/data/sealedFields.js';

const cipher = new FieldCipher([{ id: 'k1', key: randomBytes(32) }]);
const sealedText = expect.stringMatching(/^enc:v1:k1:/);
const sealedValue = expect.stringMatching(/^encj:v1:k1:/);

describe('which writes are sealed', () => {
  it.each<[string, string, unknown, unknown]>([
    ['create', 'Goal', { data: { citizenId: 'c1', text: 'glasblæser', origin: 'own' } }, { data: { citizenId: 'c1', text: sealedText, origin: 'own' } }],
    ['update with set', 'SubGoal', { where: { id: 's1' }, data: { text: { set: 'ringe' }, status: 'DONE' } }, { where: { id: 's1' }, data: { text: { set: sealedText }, status: 'DONE' } }],
    ['createMany', 'Barrier', { data: [{ key: 'other', otherText: 'hund', whatWouldHelp: null }] }, { data: [{ key: 'other', otherText: sealedText, whatWouldHelp: null }] }],
    ['upsert', 'Assessment', { where: { id: 'a' }, create: { note: 'n' }, update: { note: 'm' } }, { where: { id: 'a' }, create: { note: sealedText }, update: { note: sealedText } }],
    ['JSON keeps the listed keys', 'OutboxMessage', { data: { payload: { alertId: 'a1', notice: 'reply', params: { text: 'svar' } } } }, { data: { payload: { alertId: 'a1', notice: sealedValue, params: sealedValue } } }],
    ['nested steps', 'Goal', { data: { text: 'mål', steps: { create: [{ text: 'skridt' }] } } }, { data: { text: sealedText, steps: { create: [{ text: sealedText }] } } }],
    [
      'nested two levels',
      'Citizen',
      { data: { displayName: 'Anna', goals: { create: { text: 'mål', steps: { createMany: { data: [{ text: 'skridt' }] } } } } } },
      { data: { displayName: 'Anna', goals: { create: { text: sealedText, steps: { createMany: { data: [{ text: sealedText }] } } } } } },
    ],
    ['nested events', 'Alert', { data: { payload: { citizenText: 'hej' }, events: { create: [{ type: 'replied', detail: { text: 'svar' } }] } } }, { data: { payload: { citizenText: sealedValue }, events: { create: [{ type: 'replied', detail: { text: sealedValue } }] } } }],
    ['an unsealed model', 'Staff', { data: { name: 'Mette Holm' } }, { data: { name: 'Mette Holm' } }],
  ])('when %s goes to %s, then every sealed column is sealed and nothing else', (_name, model, args, expected) => {
    expect(sealArgs(cipher, model, args)).toEqual(expected);
  });

  it('when a field kept in clear holds a copied ciphertext, then it is sealed again, so reading it gives back the ciphertext, not what it hides', () => {
    const secret = cipher.sealText('en andens ord');
    const stored = sealColumn(cipher, 'DirectLineActivity', 'activity', { type: secret, text: 'hej' }) as { type: string };
    expect(stored.type).not.toBe(secret);
    expect(cipher.openDeep(stored)).toEqual({ type: secret, text: 'hej' });
  });

  it('when a query filters on a sealed column, then it is refused rather than silently matching nothing', () => {
    expect(() => sealArgs(cipher, 'Goal', { where: { text: 'glasblæser' } })).toThrow(/Goal.text is sealed/);
    expect(() => sealArgs(cipher, 'Reminder', { where: { payload: { path: ['stepText'], equals: 'x' } } })).toThrow(/Reminder.payload is sealed/);
    expect(sealArgs(cipher, 'Reminder', { where: { payload: { path: ['adHoc'], equals: true } } })).toEqual({ where: { payload: { path: ['adHoc'], equals: true } } });
  });

  it('when a plain-SQL writer seals a column, then null stays null and Prisma\'s JSON null marker passes', () => {
    expect(sealColumn(cipher, 'Reminder', 'payload', null)).toBeNull();
    expect(sealColumn(cipher, 'BotState', 'data', ['a'])).toEqual(sealedValue);
    expect(isSealed(String((sealColumn(cipher, 'Reminder', 'payload', { stepId: 's', note: 'x' }) as { note: string }).note))).toBe(true);
  });
});

/** Relations (model.field → target model, to-many or not) as the schema declares them. */
async function schemaRelations(): Promise<Array<{ model: string; field: string; target: string; many: boolean }>> {
  const schema = await readFile(join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8');
  const models = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((match) => match[1] as string));
  const relations: Array<{ model: string; field: string; target: string; many: boolean }> = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
    for (const [, field, target, many] of (body as string).matchAll(/^\s+(\w+)\s+(\w+)(\[\])?\??\s/gm)) {
      if (models.has(target as string)) relations.push({ model: model as string, field: field as string, target: target as string, many: many === '[]' });
    }
  }
  return relations;
}

describe('the sealed columns and the schema', () => {
  it('when a nested write can reach a sealed model (directly, or down to-many relations), then the sealing knows the relation', async () => {
    const relations = await schemaRelations();
    const downward = relations.filter(({ target, many }) => many || SEALED_FIELDS[target]);
    const leadsToSealed = new Set(Object.keys(SEALED_FIELDS));
    for (let grew = true; grew; ) {
      grew = false;
      for (const { model, target } of downward) {
        if (leadsToSealed.has(target) && !leadsToSealed.has(model)) grew = leadsToSealed.add(model) !== undefined;
      }
    }
    const needed = downward.filter(({ target }) => leadsToSealed.has(target)).map(({ model, field, target }) => ({ model, field, target }));
    const known = Object.entries(RELATIONS_TO_SEALED).flatMap(([model, fields]) => Object.entries(fields).map(([field, target]) => ({ model, field, target })));
    expect(known.sort(byName)).toEqual(needed.sort(byName));
  });

  it('when the sealed columns are listed, then each exists in the schema', async () => {
    const schema = await readFile(join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8');
    for (const [model, columns] of Object.entries(SEALED_FIELDS)) {
      const body = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, 'm').exec(schema)?.[1] ?? '';
      for (const field of Object.keys(columns)) expect(body, `${model}.${field}`).toMatch(new RegExp(`^\\s+${field}\\s+(String|Json)`, 'm'));
    }
  });
});

const byName = (a: { model: string; field: string }, b: { model: string; field: string }) => `${a.model}.${a.field}`.localeCompare(`${b.model}.${b.field}`);
