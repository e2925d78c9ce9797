import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/** What can be wrong with the ID token the stand-in issues. */
export type TokenFlaw = 'issuer' | 'audience' | 'nonce' | 'signature';

interface PendingCode {
  challenge: string;
  nonce: string;
  claims: JWTPayload;
  flaw?: TokenFlaw | undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A local OpenID Connect provider standing in for Entra ID: discovery document, JWKS and token endpoint.
 * The person's sign-in at the provider is `authorize()`: it turns the authorization URL into the callback URL.
 */
export class StandInIdentityProvider {
  issuer = '';
  readonly clientId = 'ledsager-console-test';
  readonly clientSecret = 'stand-in-client-secret';
  private server?: Server;
  private readonly codes = new Map<string, PendingCode>();
  private keys?: { publicJwk: Record<string, unknown>; privateKey: CryptoKey; strangerKey: CryptoKey };

  async start(): Promise<void> {
    const published = await generateKeyPair('RS256', { extractable: true });
    const stranger = await generateKeyPair('RS256', { extractable: true });
    this.keys = { publicJwk: { ...(await exportJWK(published.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }, privateKey: published.privateKey, strangerKey: stranger.privateKey };
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** The person signs in at the provider: the redirect back to the service, carrying a code and the state. */
  authorize(authorizationUrl: string, claims: JWTPayload, flaw?: TokenFlaw): string {
    const request = new URL(authorizationUrl);
    const params = request.searchParams;
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) throw new Error('PKCE is required');
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { challenge: params.get('code_challenge') as string, nonce: params.get('nonce') ?? '', claims, flaw });
    const callback = new URL(params.get('redirect_uri') as string);
    callback.searchParams.set('code', code);
    callback.searchParams.set('state', params.get('state') ?? '');
    return callback.href;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(req.url ?? '/', this.issuer).pathname;
    if (path === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: this.issuer,
          authorization_endpoint: `${this.issuer}/authorize`,
          token_endpoint: `${this.issuer}/token`,
          jwks_uri: `${this.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
        },
      };
    }
    if (path === '/jwks') return { status: 200, body: { keys: [this.keys?.publicJwk] } };
    if (path === '/token' && req.method === 'POST') return this.token(new URLSearchParams(await readBody(req)));
    return { status: 404, body: { error: 'not_found' } };
  }

  private async token(form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const pending = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (!pending || challenge !== pending.challenge || form.get('client_secret') !== this.clientSecret) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    const keys = this.keys as NonNullable<typeof this.keys>;
    const idToken = await new SignJWT({ ...pending.claims, nonce: pending.flaw === 'nonce' ? 'someone-elses-nonce' : pending.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(pending.flaw === 'issuer' ? 'https://login.example.com/other-tenant/v2.0' : this.issuer)
      .setAudience(pending.flaw === 'audience' ? 'some-other-app' : this.clientId)
      .setSubject('subject-1')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(pending.flaw === 'signature' ? keys.strangerKey : keys.privateKey);
    return { status: 200, body: { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: idToken } };
  }
}
