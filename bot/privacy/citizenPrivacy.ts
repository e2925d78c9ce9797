import type { CitizenPrivacy } from '../../dialogs/services.js';
import type { CitizenData } from '../../domain/privacy/citizenData.js';
import type { DataRequestKind } from '../../domain/privacy/dataRequests.js';
import type { DataExports } from './dataExport.js';
import type { DataRequests } from './dataRequests.js';

/** The citizen's side of data rights, for the dialogs. */
export class ChatPrivacy implements CitizenPrivacy {
  constructor(
    private readonly exports: DataExports,
    private readonly requests: DataRequests,
    /** Where citizens reach the service (PUBLIC_URL, else the listening address), read when a link is made. */
    private readonly publicUrl: () => string,
    /** How long what is kept stays after the course of support ends (RETENTION_ENDED_CITIZEN_MONTHS). */
    private readonly keptMonths: number,
  ) {}

  data(citizenId: string): Promise<CitizenData> {
    return this.exports.data(citizenId);
  }

  async downloadLink(citizenId: string, conversationKey: string): Promise<{ url: string; minutes: number }> {
    const { token, minutes } = await this.exports.issueLink(citizenId, conversationKey);
    return { url: `${this.publicUrl()}/my-data/${token}`, minutes };
  }

  async request(citizenId: string, kind: DataRequestKind): Promise<void> {
    await this.requests.record(citizenId, kind, 'chat');
  }

  async withdrawConsent(citizenId: string): Promise<{ keptMonths: number }> {
    await this.requests.withdrawConsent(citizenId);
    return { keptMonths: this.keptMonths };
  }
}
