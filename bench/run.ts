// npm run bench: how many due reminders per second one instance dispatches to a
// local stand-in channel, for 10,000 citizens, and the process's peak memory.
// Not a test: it prints figures. Pacing is set far above the production default
// (REMINDER_SENDS_PER_SECOND=20) so that the dispatcher itself is measured.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { projectRoot } from '../bot/app.js';
import { DEFAULT_ORGANISATION_ID } from '../bot/admin/staffAuth.js';
import { openDatabase } from '../bot/data/database.js';
import { migrate, readMigrations } from '../bot/data/migrator.js';
import { createLogger } from '../bot/logger.js';
import { ProactiveMessenger } from '../bot/messaging/proactiveMessenger.js';
import { Pacer } from '../bot/reminders/pacer.js';
import { ReminderService } from '../bot/reminders/reminderService.js';
import { LOOPBACK_HOSTS } from '../domain/serviceUrls.js';
import { printCrisisFigures } from './crisis.js';
import { printIntentAccuracy } from './intents.js';

printIntentAccuracy();
printCrisisFigures();

const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 10_000);

let received = 0;
const channel = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"1"}');
  });
});
await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
const serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}`;

const db = await openDatabase({ url: process.env.BENCH_DATABASE_URL, dataDir: undefined, poolSize: 10 });
await migrate(db.pool, await readMigrations(join(projectRoot(), 'prisma', 'migrations')));
const { prisma } = db;
const caseworker = await prisma.staff.create({ data: { organisationId: DEFAULT_ORGANISATION_ID, name: 'M', email: `bench-${Date.now()}@example.dk`, role: 'CASEWORKER' } });
const ids = Array.from({ length: CITIZENS }, (_, i) => `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`);
const seedStart = Date.now();
for (let offset = 0; offset < CITIZENS; offset += 1000) {
  const slice = ids.slice(offset, offset + 1000);
  await prisma.citizen.createMany({ data: slice.map((id) => ({ id, organisationId: DEFAULT_ORGANISATION_ID, displayName: 'C', caseworkerId: caseworker.id })) });
  await prisma.consentRecord.createMany({ data: slice.map((citizenId) => ({ citizenId, decision: 'ACCEPTED' as const, textVersion: 'bench' })) });
  await prisma.channelIdentity.createMany({
    data: slice.map((citizenId) => ({
      channelId: 'bench',
      userId: citizenId,
      citizenId,
      conversationReference: { channelId: 'bench', serviceUrl, conversation: { id: citizenId }, bot: { id: 'bot' }, user: { id: citizenId } },
    })),
  });
  await prisma.reminder.createMany({ data: slice.map((citizenId) => ({ citizenId, kind: 'checkIn', dueAt: new Date(), payload: { adHoc: true } })) });
}
console.log(`seeded ${CITIZENS} citizens with a due reminder each in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (${db.mode} database)`);

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const alerts = { raise: async () => ({ alertId: '', assigneeName: '', dueAt: new Date() }) };
const reminders = new ReminderService(prisma, new ProactiveMessenger(adapter, '', LOOPBACK_HOSTS), alerts, new Pacer(100_000), createLogger('silent'));

const start = process.hrtime.bigint();
let sent = 0;
while (sent < CITIZENS) {
  const { sent: batch } = await reminders.tick();
  if (batch === 0) break;
  sent += batch;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const peakMiB = process.resourceUsage().maxRSS / 1024;
console.log(`dispatched ${sent} reminders (channel received ${received}) in ${seconds.toFixed(1)} s`);
console.log(`rate: ${(sent / seconds).toFixed(0)} reminders/s from one instance (planning the next reminders included)`);
console.log(`peak memory (max RSS): ${peakMiB.toFixed(0)} MiB`);

await db.close();
channel.close();
