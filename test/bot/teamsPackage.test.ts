import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AdmZip from 'adm-zip';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, MANIFEST_VERSION } from '../../bot/teams/teamsPackage.js';

// CommonJS packages: under NodeNext their classes are on `.default`.
const Ajv = ajvDraft04.default;
const addFormats = ajvFormats.default;
const require = createRequire(import.meta.url);
const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);

describe('Teams app package', () => {
  const zip = new AdmZip(
    buildTeamsPackage({
      botId: '11111111-2222-4333-8444-555555555555',
      appId: '66666666-7777-4888-9999-000000000000',
      organisationName: 'Jobcenter Aarhus',
      publicUrl: 'https://ledsager.aarhus.dk',
      accent: '#1b6e3a',
      version: '1.0.0',
    }),
  );

  it('when built, then it holds the manifest and both icons at the root', () => {
    expect(zip.getEntries().map((entry) => entry.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('when the manifest is checked against the official Teams schema, then it is valid', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    expect(validate(manifest), JSON.stringify(validate.errors)).toBe(true);
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: '11111111-2222-4333-8444-555555555555', scopes: ['personal'] })]);
  });

  it('when staff open the app, then the console is a personal tab on the service\'s own address', () => {
    const manifest = JSON.parse(zip.readAsText('manifest.json'));
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({ contentUrl: 'https://ledsager.aarhus.dk/console', websiteUrl: 'https://ledsager.aarhus.dk/console', scopes: ['personal'] }),
    ]);
    expect(manifest.validDomains).toContain('ledsager.aarhus.dk');
  });

  it('when the icons are read, then they are PNGs of 192×192 and 32×32', () => {
    for (const [name, size] of [['color.png', 192], ['outline.png', 32]] as const) {
      const data = zip.readFile(name) as Buffer;
      expect(data.subarray(1, 4).toString()).toBe('PNG');
      expect([data.readUInt32BE(16), data.readUInt32BE(20)]).toEqual([size, size]);
    }
  });
});
