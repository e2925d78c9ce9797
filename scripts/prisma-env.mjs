// Prisma's CLI tries to download native engines from outside the npm registry.
// We only use offline commands (generate, migrate diff); pointing the engine
// variables at an existing file stops the download attempt. See README "Database".
import { spawn } from 'node:child_process';

/** Runs the local Prisma CLI offline and resolves with its stdout; exits the process on failure. */
export function runPrisma(args, { capture = false, databaseUrl } = {}) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['--no-install', 'prisma', ...args], {
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        DATABASE_URL: databaseUrl ?? process.env.DATABASE_URL ?? 'postgresql://unused@localhost/unused',
      },
    });
    let stdout = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.on('close', (code) => {
      if (code !== 0) process.exit(code ?? 1);
      resolve(stdout);
    });
  });
}
