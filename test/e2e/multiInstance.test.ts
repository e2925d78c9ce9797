import { afterAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp } from '../support/app.js';
import { createScratchDatabase, skipWithoutPostgres } from '../support/postgres.js';
import { ChannelUser, StandInChannel } from '../support/standInChannel.js';

describe.skipIf(skipWithoutPostgres)('several instances on one PostgreSQL', () => {
  const apps: RunningApp[] = [];
  const channel = new StandInChannel();
  let drop = async () => {};
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await channel.stop();
    await drop();
  });

  it('when two instances start at the same moment, then both become ready and each migration is recorded once', async () => {
    const scratch = await createScratchDatabase();
    drop = scratch.drop;
    apps.push(...(await Promise.all([startTestApp({ DATABASE_URL: scratch.url }), startTestApp({ DATABASE_URL: scratch.url })])));
    for (const app of apps) expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
    const recorded = await apps[0]!.db.pool.query('SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY 1');
    expect(recorded.rows.length).toBeGreaterThan(0);
    expect(recorded.rows.every((row: { n: number }) => row.n === 1)).toBe(true);
  });

  it('when a stranger talks to either instance, then both answer from the same database', async () => {
    await channel.start();
    for (const [index, app] of apps.entries()) {
      const user = new ChannelUser(app.url, channel, `stranger-${index}`, `conv-multi-${index}`);
      expect((await user.say('hej'))[0]).toMatch(/Ledsager/);
    }
  });
});
