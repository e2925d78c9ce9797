import { randomBytes } from 'node:crypto';
import type pg from 'pg';

const KEY = '_ledsager/webchat-secret';

/**
 * The secret that signs local web-chat tokens and guards the bot's callback,
 * created once and kept in the database: tokens survive restarts and are
 * valid on every instance.
 */
export async function webchatSecret(pool: pg.Pool): Promise<string> {
  await pool.query(
    `INSERT INTO "BotState" (key, data, "eTag", "updatedAt") VALUES ($1, $2, '1', now()) ON CONFLICT (key) DO NOTHING`,
    [KEY, { secret: randomBytes(32).toString('base64url') }],
  );
  const row = await pool.query<{ data: { secret: string } }>('SELECT data FROM "BotState" WHERE key = $1', [KEY]);
  return row.rows[0]?.data.secret as string;
}
