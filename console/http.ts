import type { Request, Response } from 'restify';
import { safeText } from '../domain/safeText.js';

/** Security headers for every console response: no framing by others, no sniffing, scripts only from us. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
};

/** Sends a rendered page or fragment. */
export function sendHtml(res: Response, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_HEADERS, ...headers });
  res.end(`${html.startsWith('<html') ? '<!doctype html>' : ''}${html}`);
}

/** 303 See Other: the post/redirect/get step after a form, and sign-in hops. */
export function redirect(res: Response, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

/** Cookies of a request, by name. */
export function readCookies(req: Request): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 1) continue;
    const name = part.slice(0, at).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // A malformed cookie is ignored, as if absent.
    }
  }
  return cookies;
}

export interface CookieOptions {
  maxAgeSeconds?: number;
  secure: boolean;
  httpOnly?: boolean;
}

/** A Set-Cookie value scoped to the console; Lax keeps cross-site form posts from carrying it. */
export function cookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/console',
    'SameSite=Lax',
    ...(options.httpOnly === false ? [] : ['HttpOnly']),
    ...(options.secure ? ['Secure'] : []),
    ...(options.maxAgeSeconds === undefined ? [] : [`Max-Age=${options.maxAgeSeconds}`]),
  ].join('; ');
}

/** Was this request made over https (directly or through a proxy that says so)? */
export function isHttps(req: Request, publicUrl: string | undefined): boolean {
  return publicUrl?.startsWith('https:') === true || req.isSecure() || req.headers['x-forwarded-proto'] === 'https';
}

/**
 * The fields of an `application/x-www-form-urlencoded` body. restify's JSON parser leaves other bodies as raw text;
 * a repeated field keeps its last value.
 */
export function readForm(req: Request): Record<string, string> {
  const body: unknown = req.body;
  // Decoded here, so made safe here (NUL, lone surrogates…; see domain/safeText.ts): the JSON edge cannot see inside %-escapes.
  if (typeof body === 'string' || Buffer.isBuffer(body)) return Object.fromEntries([...new URLSearchParams(body.toString())].map(([key, value]) => [safeText(key), safeText(value)]));
  if (body && typeof body === 'object') {
    return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  return {};
}

/** A path inside the console to go back to after sign-in or an action; anything else becomes the inbox. */
export function consolePath(candidate: string | undefined): string {
  return candidate && /^\/console(\/|\?|$)/.test(candidate) && !candidate.startsWith('//') ? candidate : '/console';
}

/** The request's query parameters as strings (restify's parser may give arrays for repeated keys). */
export function queryOf(req: Request): Record<string, string> {
  const query = (req.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).map(([key, value]) => [key, Array.isArray(value) ? String(value.at(-1)) : String(value)]),
  );
}
