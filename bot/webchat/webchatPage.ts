import { createReadStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Request, Response, Server } from 'restify';

export interface WebchatPageOptions {
  projectRoot: string;
  organisationName: string;
  accent: string;
  logoUrl?: string | undefined;
  /** Where Web Chat talks Direct Line: this service's own endpoint, or Azure's. */
  directLineDomain: string;
  tokenUrl: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Serves the citizens' web chat page at / and /chat, with Web Chat from the installed package (no CDN). */
export function registerWebchatPage(server: Server, options: WebchatPageOptions): void {
  const template = readFileSync(join(options.projectRoot, 'web', 'index.html'), 'utf8');
  // The package exports only its modules; its browser bundle sits in dist/ beside lib/.
  const webchatBundle = join(dirname(createRequire(import.meta.url).resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
  const config = {
    tokenUrl: options.tokenUrl,
    directLineDomain: options.directLineDomain,
    accent: options.accent,
    // Danish by default; English when the browser prefers it. The conversation itself follows the same locale.
    texts: {
      da: { locale: 'da-DK', skip: 'Gå til chatten', region: 'Chat med Ledsager', input: 'Skriv en besked' },
      en: { locale: 'en-GB', skip: 'Go to the chat', region: 'Chat with Ledsager', input: 'Write a message' },
    },
  };
  // JSON inside <script> must not be able to close the tag.
  const page = template
    .replaceAll('{{ORGANISATION}}', escapeHtml(options.organisationName))
    .replace('{{ACCENT}}', options.accent)
    .replace('{{LOGO}}', options.logoUrl ? `<img src="${escapeHtml(options.logoUrl)}" alt="${escapeHtml(options.organisationName)}">` : '')
    .replace('{{CONFIG}}', JSON.stringify(config).replace(/</g, '\\u003c'));

  const sendPage = async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
  };
  server.get('/', sendPage);
  server.get('/chat', sendPage);

  const asset = (file: string, type: string) => async (_req: Request, res: Response) => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=3600' });
    createReadStream(file).pipe(res);
  };
  server.get('/assets/webchat.js', asset(webchatBundle, 'text/javascript; charset=utf-8'));
  server.get('/assets/chat.js', asset(join(options.projectRoot, 'web', 'chat.js'), 'text/javascript; charset=utf-8'));
  server.get('/assets/chat.css', asset(join(options.projectRoot, 'web', 'chat.css'), 'text/css; charset=utf-8'));
}
