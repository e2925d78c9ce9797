import { CONTACT_WINDOWS, type ContactWindowKey, contactWindowKey } from '../../domain/contactWindow.js';
import type { CitizenProfile, ProfileStore } from '../../dialogs/services.js';
import type { PrismaClient } from '../data/generated/client.js';
import { resolveLocale } from '../../locales/i18n.js';

/** Organisation settings keys read here; validated where coordinators write them. */
interface PrivacySettings {
  privacyText?: { da?: string; en?: string; version?: string };
}

/** The version recorded with a consent when the built-in information text was shown. */
export const DEFAULT_PRIVACY_VERSION = 'ledsager-default-2026-11';

export class PrismaProfileStore implements ProfileStore {
  constructor(private readonly prisma: PrismaClient) {}

  async get(citizenId: string): Promise<CitizenProfile> {
    const citizen = await this.prisma.citizen.findUniqueOrThrow({
      where: { id: citizenId },
      include: { caseworker: true, consents: { orderBy: { at: 'desc' }, take: 1 } },
    });
    const consent = citizen.consents[0];
    return {
      citizenId,
      name: citizen.displayName,
      locale: resolveLocale(citizen.locale),
      timeZone: citizen.timeZone,
      consent: consent?.decision ?? null,
      consentAt: consent?.decision === 'ACCEPTED' ? consent.at : null,
      consentVersion: consent?.textVersion ?? null,
      restricted: citizen.restrictedAt !== null,
      contactWindow: contactWindowKey(citizen.contactWindow) ?? null,
      caseworkerName: citizen.caseworker.name,
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

  async privacyText(citizenId: string, locale: 'da' | 'en'): Promise<{ text: string | null; version: string }> {
    const { organisation } = await this.prisma.citizen.findUniqueOrThrow({ where: { id: citizenId }, include: { organisation: true } });
    const settings = organisation.settings as PrivacySettings;
    const text = settings.privacyText?.[locale] ?? null;
    return text ? { text, version: settings.privacyText?.version ?? 'organisation' } : { text: null, version: DEFAULT_PRIVACY_VERSION };
  }
}
