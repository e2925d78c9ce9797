import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../bot/app.js';
import { SEALED_FIELDS } from '../../bot/data/sealedFields.js';

/** Models and their column fields (relation fields are not columns and are left out). */
function schemaModels(schema: string): Map<string, string[]> {
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map((match) => ({ name: match[1] as string, body: match[2] as string }));
  const names = new Set(models.map((model) => model.name));
  return new Map(
    models.map(({ name, body }) => [
      name,
      body
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter(([field, type]) => field && type && !field.startsWith('//') && !field.startsWith('@@') && !names.has(type.replace(/[?[\]]/g, '')))
        .map(([field]) => field as string),
    ]),
  );
}

/** The doc's "### Model" sections and the fields in their tables (`| \`field\` |`). */
function documentedModels(doc: string): Map<string, string[]> {
  const tables = doc.slice(doc.indexOf('\n## Tables'));
  return new Map(
    [...tables.matchAll(/^### (\w+)\n([\s\S]*?)(?=^### |$(?![\s\S]))/gm)].map((match) => [
      match[1] as string,
      [...(match[2] as string).matchAll(/^\| `(\w+)` \|/gm)].map((row) => row[1] as string),
    ]),
  );
}

describe('docs/privacy.md (records of processing, GDPR Art. 30)', () => {
  const root = projectRoot();
  const schema = schemaModels(readFileSync(join(root, 'prisma', 'schema.prisma'), 'utf8'));
  const doc = readFileSync(join(root, 'docs', 'privacy.md'), 'utf8');
  const documented = documentedModels(doc);

  it('when a model is in the schema, then the doc has its section with every field', () => {
    const missing = [...schema].flatMap(([model, fields]) => {
      const rows = documented.get(model);
      if (!rows) return [`${model} (whole model)`];
      return fields.filter((field) => !rows.includes(field)).map((field) => `${model}.${field}`);
    });
    expect(missing).toEqual([]);
  });

  it('when the doc lists a model or field, then it still exists in the schema', () => {
    const stale = [...documented].flatMap(([model, rows]) => {
      const fields = schema.get(model);
      if (!fields) return [`${model} (whole model)`];
      return rows.filter((row) => !fields.includes(row)).map((row) => `${model}.${row}`);
    });
    expect(stale).toEqual([]);
  });

  it('when a model is documented, then it states purpose, legal basis, recipients and retention', () => {
    const tables = doc.slice(doc.indexOf('\n## Tables'));
    for (const model of schema.keys()) {
      const section = new RegExp(`^### ${model}\\n([\\s\\S]*?)(?=^### |$(?![\\s\\S]))`, 'm').exec(tables)?.[1] ?? '';
      for (const heading of ['Purpose', 'Legal basis', 'Recipients', 'Retention']) expect(section, `${model}: ${heading}`).toContain(`**${heading}**`);
    }
  });

  it('when a column is sealed at rest, then the doc\'s "At rest" list names it with the JSON keys kept in clear, and names nothing else', () => {
    const atRest = /- \*\*At rest\*\*: .*Sealed columns: (.*?)\. A JSON column/.exec(doc)?.[1] ?? '';
    const listed = [...atRest.matchAll(/`(\w+)\.(\w+)`(?: \(but ([^)]*)\))?/g)].map((match) => `${match[1]}.${match[2]} keeps ${(match[3] ?? '').replace(/`/g, '')}`);
    const sealed = Object.entries(SEALED_FIELDS).flatMap(([model, columns]) =>
      Object.entries(columns).map(([field, rule]) => `${model}.${field} keeps ${rule.kind === 'json' ? [...rule.keep].join(', ') : ''}`),
    );
    expect(listed.sort()).toEqual(sealed.sort());
  });
});
