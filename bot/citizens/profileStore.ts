import { CONTACT_WINDOWS, type ContactWindowKey, contactWindowKey } from '../../domain/contactWindow.js';
import type { CitizenProfile, ProfileStore } from '../../dialogs/services.js';
import type { Sql } from '../data/database.js';
import type { PrismaClient } from '../data/generated/client.js';
import { resolveLocale } from '../../locales/i18n.js';
import { AppError } from '../errors.js';

/** Organisation settings keys read here; validated where coordinators write them. */
interface PrivacySettings {
  privacyText?: { da?: string; en?: string; version?: string };
}

interface ProfileRow {
  displayName: string;
  locale: string;
  timeZone: string;
  restricted: boolean;
  contactWindow: unknown;
  caseworkerName: string;
  decision: 'ACCEPTED' | 'DECLINED' | null;
  consentAt: Date | null;
  textVersion: string | null;
}

/** The version recorded with a consent when the built-in information text was shown. */
export const DEFAULT_PRIVACY_VERSION = 'ledsager-default-2026-11';

export class PrismaProfileStore implements ProfileStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: Sql,
  ) {}

  /** Read on every citizen turn (the agreement gates the dialogs): one statement. */
  async get(citizenId: string): Promise<CitizenProfile> {
    const {
      rows: [row],
    } = await this.sql.query<ProfileRow>(
      `SELECT c."displayName", c.locale, c."timeZone", c."restrictedAt" IS NOT NULL AS restricted, c."contactWindow", s.name AS "caseworkerName",
         k.decision, k.at AT TIME ZONE 'UTC' AS "consentAt", k."textVersion"
       FROM "Citizen" c JOIN "Staff" s ON s.id = c."caseworkerId"
       LEFT JOIN LATERAL (SELECT decision::text, at, "textVersion" FROM "ConsentRecord" WHERE "citizenId" = c.id ORDER BY at DESC LIMIT 1) k ON true
       WHERE c.id = $1`,
      [citizenId],
    );
    if (!row) throw new AppError('NOT_FOUND');
    return {
      citizenId,
      name: row.displayName,
      locale: resolveLocale(row.locale),
      timeZone: row.timeZone,
      consent: row.decision,
      consentAt: row.decision === 'ACCEPTED' ? row.consentAt : null,
      consentVersion: row.textVersion,
      restricted: row.restricted,
      contactWindow: contactWindowKey(row.contactWindow) ?? null,
      caseworkerName: row.caseworkerName,
    };
  }

  async recordConsent(citizenId: string, decision: 'ACCEPTED' | 'DECLINED', textVersion: string): Promise<void> {
    await this.prisma.consentRecord.create({ data: { citizenId, decision, textVersion } });
  }

  async setLocale(citizenId: string, locale: 'da' | 'en'): Promise<void> {
    await this.prisma.citizen.update({ where: { id: citizenId }, data: { locale } });
  }

  async setContactWindow(citizenId: string, window: ContactWindowKey): Promise<void> {
    await this.prisma.citizen.update({ where: { id: citizenId }, data: { contactWindow: { ...CONTACT_WINDOWS[window] } } });
  }

  /** Read on every citizen turn too (the agreement must be to the text in use): one statement. */
  async privacyText(citizenId: string, locale: 'da' | 'en'): Promise<{ text: string | null; version: string }> {
    const {
      rows: [row],
    } = await this.sql.query<{ privacyText: PrivacySettings['privacyText'] | null }>(
      `SELECT o.settings->'privacyText' AS "privacyText" FROM "Citizen" c JOIN "Organisation" o ON o.id = c."organisationId" WHERE c.id = $1`,
      [citizenId],
    );
    if (!row) throw new AppError('NOT_FOUND');
    const settings: PrivacySettings = row.privacyText ? { privacyText: row.privacyText } : {};
    const text = settings.privacyText?.[locale] ?? null;
    return text ? { text, version: settings.privacyText?.version ?? 'organisation' } : { text: null, version: DEFAULT_PRIVACY_VERSION };
  }
}
