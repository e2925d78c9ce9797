import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../bot/app.js';
import { startTestApp } from '../support/app.js';

const SECRET = 'direct-line-secret-never-in-the-browser';

describe('web chat through Azure Bot Service', () => {
  const requests: Array<{ path: string; authorization?: string; body: string }> = [];
  let azure: Server;
  let app: RunningApp;

  beforeAll(async () => {
    // A stand-in for Azure's Direct Line token API.
    azure = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'azure-conv-1', token: `token-${requests.length}`, expires_in: 3600 }));
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(azure.address() as AddressInfo).port}/v3/directline`;
    app = await startTestApp({ DIRECT_LINE_SECRET: SECRET, DIRECT_LINE_ENDPOINT: endpoint });
  });
  afterAll(async () => {
    await app.stop();
    await new Promise<void>((resolve) => azure.close(() => resolve()));
  });

  it('when the page asks for a token, then the service exchanges its secret for one with a server-chosen user id', async () => {
    const response = await fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ token: 'token-1', conversationId: 'azure-conv-1', expiresIn: 3600, resumed: false });
    expect(JSON.stringify(body)).not.toContain(SECRET);
    expect(requests[0]).toMatchObject({ path: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(JSON.parse(requests[0]?.body ?? '{}').user.id).toMatch(/^dl_u-/);
  });

  it('when a page comes back with its token, then it is refreshed with that token, not the secret', async () => {
    const response = await fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'token-1' }) });
    expect(await response.json()).toMatchObject({ conversationId: 'azure-conv-1', resumed: true });
    expect(requests.at(-1)).toMatchObject({ path: '/v3/directline/tokens/refresh', authorization: 'Bearer token-1' });
  });

  it('when the page is served, then it points Web Chat at Azure and carries no secret', async () => {
    const html = await (await fetch(`${app.url}/`)).text();
    expect(html).toContain('/v3/directline');
    expect(html).not.toContain(SECRET);
    // The embedded Direct Line is not offered when Azure's is configured.
    expect((await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST' })).status).toBe(404);
  });
});
