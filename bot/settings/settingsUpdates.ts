import type { Principal } from '../../domain/access.js';
import { diffSettings, mergeSettingsPatch, type SettingChange, unknownSettingPaths } from '../../domain/settingsPatch.js';
import type { PrismaClient } from '../data/generated/client.js';
import { type OrganisationSettings, organisationSettingsSchema } from './organisationSettings.js';

/** A field that failed validation: its dotted path and zod's issue (code and English message for the API). */
export interface SettingIssue {
  path: string;
  code: string;
  message: string;
}

export type SettingsUpdate =
  | { ok: true; settings: OrganisationSettings; changes: SettingChange[] }
  | { ok: false; issues: SettingIssue[] };

/** An SLA rule is a clock and its duration together: a patch replaces one severity's rule whole. */
const isWholeSetting = (path: string[]): boolean => path.length === 2 && path[0] === 'sla';

/**
 * The settings after a partial update, validated as a whole: every field not sent keeps its value, at every depth
 * (`{reminders: {quietHours}}` leaves the cadence alone; `{sla: {URGENT}}` leaves the other severities alone).
 */
export function applySettingsPatch(current: OrganisationSettings, patch: unknown): SettingsUpdate {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return { ok: false, issues: [{ path: 'body', code: 'invalid_type', message: 'must be an object of settings' }] };
  }
  const parsed = organisationSettingsSchema.safeParse(mergeSettingsPatch(current, patch, isWholeSetting));
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || 'body', code: issue.code, message: issue.message })),
    };
  }
  const unknown = unknownSettingPaths(patch, parsed.data);
  if (unknown.length > 0) return { ok: false, issues: unknown.map((path) => ({ path, code: 'unrecognized_keys', message: 'is not a setting' })) };
  return { ok: true, settings: parsed.data, changes: diffSettings(current, parsed.data) };
}

/**
 * Changes an organisation's settings for the API and the console alike: read, merge, validate, write and audit in
 * one transaction (the row is locked, so two coordinators saving at once do not lose each other's change), then tell
 * the running parts so the change applies without a restart.
 */
export class SettingsUpdates {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly onChange: (settings: OrganisationSettings) => void,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async update(principal: Principal, patch: unknown): Promise<SettingsUpdate> {
    const result = await this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<Array<{ settings: unknown }>>`
        SELECT settings FROM "Organisation" WHERE id = ${principal.organisationId} FOR UPDATE`;
      const update = applySettingsPatch(organisationSettingsSchema.parse(row?.settings ?? {}), patch);
      if (!update.ok || update.changes.length === 0) return update;
      await tx.organisation.update({ where: { id: principal.organisationId }, data: { settings: update.settings as object } });
      await tx.auditLog.create({
        data: {
          actorStaffId: principal.staffId,
          action: 'settings.changed',
          entity: 'Organisation',
          entityId: principal.organisationId,
          at: this.now(),
          detail: { fields: [...new Set(update.changes.map((change) => change.path.split('.')[0]))], changes: update.changes } as object,
        },
      });
      return update;
    });
    if (result.ok && result.changes.length > 0) this.onChange(result.settings);
    return result;
  }
}
