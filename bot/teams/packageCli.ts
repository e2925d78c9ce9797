// npm run teams:package: writes dist/teams/ledsager-teams.zip to upload in Teams (Apps → Manage your apps → Upload).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../app.js';
import { loadConfig } from '../config.js';
import { buildTeamsPackage } from './teamsPackage.js';

const config = loadConfig();
const publicUrl = process.env.PUBLIC_URL;
const appId = process.env.TEAMS_APP_ID ?? config.MicrosoftAppId;
if (!config.MicrosoftAppId || !publicUrl?.startsWith('https://') || !appId) {
  process.stderr.write("Set MicrosoftAppId (the Azure Bot's app id) and PUBLIC_URL (https://…, where the service runs); TEAMS_APP_ID is optional.\n");
  process.exit(1);
}
const zip = buildTeamsPackage({
  botId: config.MicrosoftAppId,
  appId,
  organisationName: config.ORGANISATION_NAME,
  publicUrl,
  accent: config.WEBCHAT_ACCENT,
  version: process.env.TEAMS_APP_VERSION ?? '1.0.0',
});
const folder = join(projectRoot(), 'dist', 'teams');
mkdirSync(folder, { recursive: true });
writeFileSync(join(folder, 'ledsager-teams.zip'), zip);
process.stdout.write(`Wrote ${join(folder, 'ledsager-teams.zip')}\n`);
