import { isPlainObject } from '../../domain/plainObject.js';
import { type FieldCipher, isSealed } from './fieldCipher.js';
import type { PrismaClient } from './generated/client.js';

/** A column holding a citizen's words: sealed whole (text), or every top-level value but `keep` (JSON). */
type SealRule = { readonly kind: 'text' } | { readonly kind: 'json'; readonly keep: ReadonlySet<string> };

const text: SealRule = { kind: 'text' };
const json = (...keep: string[]): SealRule => ({ kind: 'json', keep: new Set(keep) });

/**
 * Every column that can hold a citizen's free text (their words, and what staff write back or note
 * about them), sealed at rest. A JSON column keeps its keys, and the values listed stay readable
 * because SQL reads them: ids the erasure and the planner match on, an activity's type and sender.
 * docs/privacy.md lists the same columns; a test keeps both in step with the schema.
 */
export const SEALED_FIELDS: Readonly<Record<string, Readonly<Record<string, SealRule>>>> = {
  Goal: { text },
  SubGoal: { text },
  Barrier: { otherText: text, whatWouldHelp: text },
  Assessment: { note: text },
  Alert: { payload: json() },
  AlertEvent: { detail: json() },
  OutboxMessage: { payload: json('alertId', 'citizenId', 'reminderId') },
  Reminder: { payload: json('stepId', 'adHoc', 'postponedFrom') },
  BotState: { data: json() },
  DirectLineActivity: { activity: json('type', 'id', 'from', 'timestamp', 'replyToId', 'channelId', 'conversation', 'recipient', 'locale') },
};

/** Relations through which a nested write can reach a sealed model (a test derives this from the schema). */
export const RELATIONS_TO_SEALED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Organisation: { citizens: 'Citizen', staff: 'Staff' },
  Citizen: { goals: 'Goal', barriers: 'Barrier', assessments: 'Assessment', alerts: 'Alert', reminders: 'Reminder' },
  Staff: { caseload: 'Citizen', backupFor: 'Citizen', assessments: 'Assessment', alerts: 'Alert' },
  Goal: { steps: 'SubGoal' },
  SubGoal: { goal: 'Goal' },
  Alert: { events: 'AlertEvent' },
  AlertEvent: { alert: 'Alert' },
  Reminder: { attemptLog: 'ReminderAttempt' },
  ReminderAttempt: { reminder: 'Reminder' },
  DirectLineConversation: { activities: 'DirectLineActivity' },
};

/** Seals one column's value by its rule, for the few writes that go around Prisma (plain SQL). */
export function sealColumn(cipher: FieldCipher, model: string, field: string, value: unknown): unknown {
  const rule = SEALED_FIELDS[model]?.[field];
  if (!rule || value === null || value === undefined) return value;
  if (rule.kind === 'text') return typeof value === 'string' ? cipher.sealText(value) : value;
  if (!isPlainObject(value)) {
    // Prisma's JsonNull/DbNull markers are class instances, not data: they pass as they are.
    const marker = typeof value === 'object' && !Array.isArray(value);
    return marker ? value : cipher.sealValue(value);
  }
  const sealed: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) sealed[key] = staysInClear(rule.keep, key, inner) ? inner : cipher.sealValue(inner);
  return sealed;
}

/**
 * Whether a JSON column's top-level value is stored as it is: nothing to hide, or a key kept for SQL.
 * A kept value that looks sealed is sealed again: reads open every sealed string, so someone who
 * copied a ciphertext into a field left in clear would otherwise get it opened for them.
 */
export function staysInClear(keep: ReadonlySet<string>, key: string, value: unknown): boolean {
  return value === null || value === undefined || (keep.has(key) && !(typeof value === 'string' && isSealed(value)));
}

/** A write's `data` for a model with every sealed column sealed, nested relation writes included. */
function sealData(cipher: FieldCipher, model: string, data: unknown): unknown {
  if (Array.isArray(data)) return data.map((row) => sealData(cipher, model, row));
  if (!isPlainObject(data)) return data;
  const columns = SEALED_FIELDS[model] ?? {};
  const relations = RELATIONS_TO_SEALED[model] ?? {};
  const sealed: Record<string, unknown> = { ...data };
  for (const [field, value] of Object.entries(data)) {
    if (columns[field]) {
      // An update may write `{ set: value }` instead of the value.
      sealed[field] = isPlainObject(value) && 'set' in value && columns[field].kind === 'text' ? { set: sealColumn(cipher, model, field, value.set) } : sealColumn(cipher, model, field, value);
    } else if (relations[field]) {
      sealed[field] = sealNestedWrite(cipher, relations[field], value);
    }
  }
  return sealed;
}

/** The nested forms of a relation field: create, createMany, connectOrCreate, update(Many), upsert. */
function sealNestedWrite(cipher: FieldCipher, model: string, write: unknown): unknown {
  if (!isPlainObject(write)) return write;
  const each = (value: unknown, seal: (one: Record<string, unknown>) => unknown) =>
    Array.isArray(value) ? value.map((one) => (isPlainObject(one) ? seal(one) : one)) : isPlainObject(value) ? seal(value) : value;
  const sealed: Record<string, unknown> = { ...write };
  if ('create' in write) sealed.create = sealData(cipher, model, write.create);
  if ('createMany' in write) sealed.createMany = each(write.createMany, (many) => ({ ...many, data: sealData(cipher, model, many.data) }));
  if ('connectOrCreate' in write) sealed.connectOrCreate = each(write.connectOrCreate, (one) => ({ ...one, create: sealData(cipher, model, one.create) }));
  if ('update' in write) sealed.update = each(write.update, (one) => ('where' in one && 'data' in one ? { ...one, data: sealData(cipher, model, one.data) } : sealData(cipher, model, one)));
  if ('updateMany' in write) sealed.updateMany = each(write.updateMany, (many) => ({ ...many, data: sealData(cipher, model, many.data) }));
  if ('upsert' in write) sealed.upsert = each(write.upsert, (one) => ({ ...one, create: sealData(cipher, model, one.create), update: sealData(cipher, model, one.update) }));
  return sealed;
}

/** A JSON path filter on a key kept in clear (`{ path: ['adHoc'], equals: true }`) still works. */
function filtersKeptKey(rule: SealRule, filter: unknown): boolean {
  return rule.kind === 'json' && isPlainObject(filter) && Array.isArray(filter.path) && rule.keep.has(String(filter.path[0]));
}

/** Seals the data of a model operation's arguments; refuses a filter on a sealed column, which could never match. */
export function sealArgs(cipher: FieldCipher, model: string, args: unknown): unknown {
  if (!isPlainObject(args)) return args;
  const columns = SEALED_FIELDS[model];
  if (columns && isPlainObject(args.where)) {
    const where = args.where;
    const filtered = Object.keys(where).find((field) => columns[field] && !filtersKeptKey(columns[field], where[field]));
    if (filtered) throw new Error(`${model}.${filtered} is sealed at rest and cannot be filtered on in the database`);
  }
  const sealed: Record<string, unknown> = { ...args };
  if ('data' in args) sealed.data = sealData(cipher, model, args.data);
  if ('create' in args) sealed.create = sealData(cipher, model, args.create);
  if ('update' in args) sealed.update = sealData(cipher, model, args.update);
  return sealed;
}

/**
 * The Prisma client with citizens' words sealed on every write and opened in every result, raw
 * queries included: the rest of the service reads and writes plain text and never sees a key.
 */
export function withSealedFields(prisma: PrismaClient, cipher: FieldCipher): PrismaClient {
  const extended = prisma.$extends({
    name: 'sealedFields',
    query: {
      async $allOperations({ model, args, query }) {
        return cipher.openDeep(await query(model ? sealArgs(cipher, model, args) : args));
      },
    },
  });
  // A query extension changes no types; the extended client is used wherever a PrismaClient is.
  return extended as unknown as PrismaClient;
}
