import { createHash, randomBytes } from 'node:crypto';
import type { Principal } from '../../domain/access.js';
import type { CitizenData } from '../../domain/privacy/citizenData.js';
import { dataDocumentView } from '../../domain/privacy/dataDocument.js';
import { type Locale, translator } from '../../locales/i18n.js';
import type { PrismaClient } from '../data/generated/client.js';
import type { AccessLog } from './accessLog.js';
import { loadCitizenData } from './citizenData.js';
import { renderDataDocument } from './dataDocumentPage.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The citizen's data in both forms: a readable page (with the JSON as a download on it) and the JSON itself. */
export interface RenderedExport {
  data: CitizenData;
  json: string;
  html: string;
}

/**
 * Access and portability (GDPR Art. 15 and 20): the citizen's data as a document and as JSON. Citizens get a
 * one-time, expiring link sent into their own conversation; staff get the same export on request, access-logged.
 */
export class DataExports {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly accessLog: AccessLog,
    private readonly linkMinutes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** A new link for the citizen's conversation; only its hash is stored. Returns the token for the URL. */
  async issueLink(citizenId: string, conversationKey: string): Promise<{ token: string; minutes: number }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + this.linkMinutes * 60_000);
    await this.prisma.dataExportLink.create({ data: { tokenHash: hashToken(token), citizenId, conversationKey, expiresAt, createdAt: this.now() } });
    return { token, minutes: this.linkMinutes };
  }

  /** The export behind a link, exactly once and before it expires; undefined otherwise. */
  async redeem(token: string): Promise<RenderedExport | undefined> {
    const tokenHash = hashToken(token);
    const at = this.now();
    // Claiming and checking in one statement: two requests racing for the same link cannot both win.
    const claimed = await this.prisma.dataExportLink.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
    if (claimed.count !== 1) return undefined;
    const link = await this.prisma.dataExportLink.findUniqueOrThrow({ where: { tokenHash } });
    const citizen = await this.prisma.citizen.findUnique({ where: { id: link.citizenId }, select: { id: true } });
    return citizen ? this.render(citizen.id) : undefined;
  }

  /** The same export for staff (on the citizen's request); recorded in the access log. */
  async forStaff(principal: Principal, citizenId: string, reason: string | null): Promise<RenderedExport> {
    await this.accessLog.record(principal, citizenId, 'export', reason);
    return this.render(citizenId);
  }

  /** The citizen's data as plain data (what "Se mine data" shows in chat). */
  data(citizenId: string): Promise<CitizenData> {
    return loadCitizenData(this.prisma, this.accessLog, citizenId, this.now());
  }

  async render(citizenId: string): Promise<RenderedExport> {
    const data = await this.data(citizenId);
    const locale: Locale = data.citizen.locale === 'en' ? 'en' : 'da';
    const t = translator(locale);
    const json = JSON.stringify(data, null, 2);
    const html = await renderDataDocument({
      view: dataDocumentView(data, (key, params) => t(key, params)),
      locale,
      json,
      jsonLabel: t('myData.jsonLink'),
      fileName: `ledsager-${data.exportedAt.slice(0, 10)}.json`,
    });
    return { data, json, html };
  }
}
