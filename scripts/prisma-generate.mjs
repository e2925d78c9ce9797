// Runs on `npm install`: generates the Prisma client into bot/data/generated.
import { runPrisma } from './prisma-env.mjs';

await runPrisma(['generate']);
