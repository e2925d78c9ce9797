import type { AccessLog } from '../../bot/privacy/accessLog.js';
import type { DataExports } from '../../bot/privacy/dataExport.js';
import type { DataRequests } from '../../bot/privacy/dataRequests.js';
import type { Principal } from '../../domain/access.js';

/** What the console's data-protection pages use: the same services as the API, plus the two look-ups they need. */
export interface PrivacyConsoleServices {
  requests: DataRequests;
  accessLog: AccessLog;
  exports: DataExports;
  /** A citizen the principal may act on (404/403 as AppError otherwise). */
  citizenFor(principal: Principal, citizenId: string): Promise<{ id: string; displayName: string }>;
  /** The organisation's working time zone, in which times are shown. */
  timeZoneOf(organisationId: string): Promise<string>;
}
