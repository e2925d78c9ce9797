import { Resvg } from '@resvg/resvg-js';
import AdmZip from 'adm-zip';

export interface TeamsPackageOptions {
  /** The Azure Bot's Microsoft App ID. */
  botId: string;
  /** The Teams app's own id (a GUID); the bot id unless the municipality has its own. */
  appId: string;
  organisationName: string;
  /** https address of the service: the developer's website, privacy and terms links. */
  publicUrl: string;
  accent: string;
  version: string;
}

export const MANIFEST_VERSION = '1.17';

/**
 * The Teams manifest: the bot in personal scope, for citizens and caseworkers alike, and the staff console as a
 * personal tab (a citizen who opens it is refused by the console's sign-in, as anyone without a staff record is).
 */
export function teamsManifest(options: TeamsPackageOptions): Record<string, unknown> {
  const base = options.publicUrl.replace(/\/$/, '');
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: options.version,
    id: options.appId,
    developer: {
      name: options.organisationName,
      websiteUrl: `${base}/`,
      privacyUrl: `${base}/`,
      termsOfUseUrl: `${base}/`,
    },
    name: { short: 'Ledsager', full: `Ledsager – ${options.organisationName}`.slice(0, 100) },
    description: {
      short: 'Din chat med jobcentret: mål, små skridt og hurtige svar.',
      full: 'Ledsager er en chat fra jobcentret. Borgere skriver deres egne mål og hvad der står i vejen, svarer på korte spørgsmål om, hvordan det går, og siger til, når noget ændrer sig. Sagsbehandleren får besked her i Teams og svarer i samme chat.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: options.accent.toUpperCase(),
    bots: [{ botId: options.botId, scopes: ['personal'], supportsFiles: false, isNotificationOnly: false }],
    staticTabs: [
      { entityId: 'ledsager-console', name: 'Sagsbehandler', contentUrl: `${base}/console`, websiteUrl: `${base}/console`, scopes: ['personal'] },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [new URL(base).host],
  };
}

function png(svg: string): Buffer {
  return new Resvg(svg).render().asPng();
}

/** A speech bubble: full colour on the accent (192×192), and a white outline on transparent (32×32). */
function icons(accent: string): { color: Buffer; outline: Buffer } {
  const bubble = 'M6 6h20a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H14l-6 5v-5H6a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z';
  return {
    color: png(`<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 32 32"><rect width="32" height="32" fill="${accent}"/><path d="${bubble}" fill="#ffffff"/></svg>`),
    outline: png(`<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32"><path d="${bubble}" fill="none" stroke="#ffffff" stroke-width="2"/></svg>`),
  };
}

/** The zip Teams expects: manifest.json and the two icons at the root. */
export function buildTeamsPackage(options: TeamsPackageOptions): Buffer {
  const zip = new AdmZip();
  const { color, outline } = icons(options.accent);
  zip.addFile('manifest.json', Buffer.from(JSON.stringify(teamsManifest(options), null, 2)));
  zip.addFile('color.png', color);
  zip.addFile('outline.png', outline);
  return zip.toBuffer();
}
