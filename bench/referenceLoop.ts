// The reference the dispatcher is judged against: the least a correct dispatcher must do. 16 workers,
// each claiming one due row (FOR UPDATE SKIP LOCKED), POSTing it to the same stand-in channel and
// marking it sent, over plain pg. On "go" it runs until nothing is due.
import { openDatabase } from '../bot/data/database.js';
import { benchCipher } from './benchCipher.js';

const WORKERS = 16;

const db = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR, poolSize: WORKERS, cipher: benchCipher() });

async function worker(): Promise<number> {
  let sent = 0;
  for (;;) {
    const { rows } = await db.pool.query<{ id: string; reference: { serviceUrl: string; conversation: { id: string } } }>(
      `UPDATE "Reminder" r SET status = 'CLAIMED', "leaseUntil" = now() + interval '2 minutes', attempts = attempts + 1
       FROM (SELECT id FROM "Reminder" WHERE status = 'PENDING' AND "dueAt" <= now() AT TIME ZONE 'UTC' ORDER BY "dueAt" LIMIT 1 FOR UPDATE SKIP LOCKED) due
       WHERE r.id = due.id
       RETURNING r.id, (SELECT "conversationReference" FROM "ChannelIdentity" i WHERE i."citizenId" = r."citizenId" LIMIT 1) AS reference`,
    );
    const claimed = rows[0];
    if (!claimed) return sent;
    const { serviceUrl, conversation } = claimed.reference;
    const response = await fetch(`${serviceUrl}/v3/conversations/${encodeURIComponent(conversation.id)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'Reminder', conversation }),
    });
    await response.arrayBuffer();
    await db.pool.query(`UPDATE "Reminder" SET status = 'SENT', "sentAt" = now() AT TIME ZONE 'UTC', "leaseUntil" = NULL WHERE id = $1`, [claimed.id]);
    sent += 1;
  }
}

process.on('message', () => {
  void (async () => {
    const start = Date.now();
    const sent = (await Promise.all(Array.from({ length: WORKERS }, worker))).reduce((a, b) => a + b, 0);
    process.send?.({ type: 'done', sent, seconds: (Date.now() - start) / 1000 });
    await db.close();
    process.disconnect();
  })();
});
process.on('SIGTERM', () => process.exit(0));
process.send?.({ type: 'ready' });
