// Prisma CLI configuration. The JavaScript schema engine (engine: "js") lets
// `prisma migrate diff` and `prisma generate` run without Prisma's native
// binaries, which cannot be downloaded here. The app never reads this file.
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () =>
    new PrismaPg({ connectionString: process.env.DATABASE_URL ?? 'postgresql://unused@localhost/unused' }),
});
