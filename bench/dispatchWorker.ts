// The service's reminder dispatcher in a process of its own: the same ReminderService, proactive
// messenger and Bot Framework authentication the service composes, with pacing lifted so the dispatcher itself is
// measured. On "go" it ticks, as the scheduler would, until a tick finds nothing to send.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { openDatabase } from '../bot/data/database.js';
import { benchCipher } from './benchCipher.js';
import { ProactiveMessenger } from '../bot/messaging/proactiveMessenger.js';
import { Pacer } from '../bot/reminders/pacer.js';
import { ReminderService } from '../bot/reminders/reminderService.js';
import { LOOPBACK_HOSTS } from '../domain/serviceUrls.js';
import { BENCH_CHANNEL_ID, WARM_UP_CONVERSATION } from './seed.js';

const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR, poolSize: 10, cipher: benchCipher() });
const alerts = { raise: async () => ({ alertId: '', assigneeName: '', dueAt: new Date() }) };
const messenger = new ProactiveMessenger(new ConfigurationBotFrameworkAuthentication({}), '', LOOPBACK_HOSTS);
const reminders = new ReminderService(db.prisma, messenger, alerts, new Pacer(1_000_000));

process.on('message', () => {
  void (async () => {
    const start = Date.now();
    let sent = 0;
    for (;;) {
      const tick = await reminders.tick();
      if (tick.sent === 0) break;
      sent += tick.sent;
    }
    process.send?.({ type: 'done', sent, seconds: (Date.now() - start) / 1000 });
    await db.close();
    process.disconnect();
  })();
});
// A running service has long since connected, loaded Prisma's query compiler and botbuilder's HTTP
// pipeline when a tick comes: one query and one message to a conversation the channel does not count.
await db.prisma.citizen.findFirst({ select: { id: true } });
const { serviceUrl } = (await db.prisma.channelIdentity.findFirstOrThrow()).conversationReference as { serviceUrl: string };
await messenger.send({ serviceUrl, channelId: BENCH_CHANNEL_ID, conversation: { id: WARM_UP_CONVERSATION } as never, bot: { id: 'bot', name: 'bot' } }, { type: 'message', text: 'warm-up' });
process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'ready' });
