import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { describe, expect, it } from 'vitest';
import { HttpDrain } from '../../bot/http/drain.js';

describe('draining the HTTP server', () => {
  it('when a request is in flight and another arrives on its kept-alive connection during the drain, then the first is answered, the second gets 503 with Retry-After, and the connection closes', async () => {
    const server = restify.createServer();
    const drain = new HttpDrain(server);
    let release = () => {};
    let entered = () => {};
    const inFlight = new Promise<void>((resolve) => (entered = resolve));
    server.get('/slow', async (_req, res) => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      res.send(200, { ok: true });
    });
    server.get('/fast', async (_req, res) => {
      res.send(200, { ok: true });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
    await inFlight;
    const drained = drain.drain(5000);
    const late = new Promise<void>((resolve) => server.server.once('request', () => resolve()));
    socket.write('GET /fast HTTP/1.1\r\nHost: x\r\n\r\n');
    await late;
    release();
    expect(await drained).toEqual({ cut: 0 });
    await closed;
    const responses = received.split(/(?=HTTP\/1\.1 )/);
    expect(responses.map((response) => response.slice(9, 12))).toEqual(['200', '503']);
    expect(responses[1]).toMatch(/retry-after: 5/i);
    expect(drain.isDraining).toBe(true);
  });
});
