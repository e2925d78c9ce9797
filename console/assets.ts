import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';

const require = createRequire(import.meta.url);

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.map': 'application/json',
};

interface AssetRoots {
  dkfds: string;
  htmx: string;
  console: string;
}

/** The installed package's folder: the nearest package.json above its entry point (dkfds exports nothing else). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

function assetRoots(projectRoot: string): AssetRoots {
  return {
    dkfds: join(packageDir('dkfds'), 'dist'),
    htmx: join(packageDir('htmx.org'), 'dist'),
    console: join(projectRoot, 'console', 'assets'),
  };
}

/**
 * The asset path's version: the design system's and htmx's package versions and a hash of our own files,
 * so a new release gets new URLs and browsers may cache each URL for a year.
 */
function assetVersion(roots: AssetRoots): string {
  const hash = createHash('sha256');
  for (const name of ['dkfds', 'htmx.org']) hash.update(readFileSync(join(packageDir(name), 'package.json')));
  for (const file of ['console.css', 'console.js']) hash.update(readFileSync(join(roots.console, file)));
  return hash.digest('hex').slice(0, 12);
}

let version: string | undefined;

/** The versioned URL of a console asset: `dkfds/css/…`, `htmx/htmx.min.js` or `console/console.css`. */
export function assetUrl(path: string): string {
  if (!version) throw new Error('registerConsoleAssets must run before pages render');
  return `/console/assets/${version}/${path}`;
}

/** Serves the design system, htmx and the console's own CSS/JS from the installed packages (no CDN), cached for a year. */
export function registerConsoleAssets(server: Server, projectRoot: string): void {
  const roots = assetRoots(projectRoot);
  version = assetVersion(roots);
  server.get('/console/assets/:version/:package/*', async (req: Request, res: Response) => {
    const params = req.params as Record<string, string | undefined>;
    const root = roots[params.package as keyof AssetRoots] as string | undefined;
    const file = root ? resolve(root, params['*'] ?? '') : undefined;
    // Only files inside the package's folder; an old version still answers (a page may be open across a deploy).
    if (!root || !file || !file.startsWith(root + sep) || !TYPES[extname(file)] || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    const immutable = params.version === version;
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] as string,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  });
}
