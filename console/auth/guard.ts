import type { Request, RequestHandler, Response } from 'restify';
import type { Principal, StaffRole } from '../../domain/access.js';
import { AppError } from '../../bot/errors.js';
import { type Logger, safeError } from '../../bot/logger.js';
import { consoleTranslator, resolveLocale } from '../../locales/i18n.js';
import type { PageContext } from '../components/layout.js';
import { consolePath, cookie, isHttps, readCookies, readForm, redirect, sendHtml } from '../http.js';
import { ERROR_STATUS, ErrorPage, type ErrorKind } from '../pages/errorPage.js';
import { type ActiveSession, sameToken, type SessionStaff, type StaffSessions } from './sessions.js';

export const SESSION_COOKIE = 'ledsager_console';
export const LANGUAGE_COOKIE = 'ledsager_lang';

/** What a signed-in page handler gets: the page context, the caller as the API's principal, and a POST's form. */
export interface StaffContext {
  page: PageContext & { staff: SessionStaff; csrfToken: string };
  staff: SessionStaff;
  principal: Principal;
  session: ActiveSession;
  /** Fields of a POSTed form (CSRF already checked); empty for GET. */
  form: Record<string, string>;
}

export type StaffHandler = (req: Request, res: Response, ctx: StaffContext) => Promise<void>;
export type PublicHandler = (req: Request, res: Response, page: PageContext) => Promise<void>;

const ERROR_KIND_BY_CODE: Partial<Record<string, ErrorKind>> = {
  FORBIDDEN: 'forbidden',
  NOT_FOUND: 'notFound',
  BAD_REQUEST: 'badRequest',
};

/** Sessions, CSRF and roles for console routes; every refusal is a page, never a stack trace or a leak. */
export class ConsoleGuard {
  constructor(
    private readonly sessions: StaffSessions,
    private readonly publicUrl: string | undefined,
    private readonly logger: Logger,
  ) {}

  /** The reader's language (their choice, else the browser's; Danish by default) and the current path. */
  pageContext(req: Request): PageContext {
    const locale = resolveLocale(readCookies(req)[LANGUAGE_COOKIE], req.headers['accept-language']);
    return { locale, t: consoleTranslator(locale), path: consolePath(req.getPath() + (req.getQuery() ? `?${req.getQuery()}` : '')) };
  }

  /**
   * Wraps a handler so that only a signed-in staff member (with `role`, when given) reaches it. Non-GET requests must
   * carry the session's CSRF token (form field `_csrf` or header X-CSRF-Token) or are refused with a 403 page.
   */
  requireStaff(role?: StaffRole): (handler: StaffHandler) => RequestHandler {
    return (handler) => async (req: Request, res: Response) => {
      const page = this.pageContext(req);
      // Refusals after sign-in are shown inside the signed-in frame (menu, sign-out).
      let shownOn = page;
      await this.safely(res, () => shownOn, async () => {
        const token = readCookies(req)[SESSION_COOKIE];
        const session = await this.sessions.resolve(token);
        if (!session) {
          this.toSignIn(req, res, page, token ? 'expired' : undefined);
          return;
        }
        const staffPage = { ...page, staff: session.staff, csrfToken: session.csrfToken };
        shownOn = staffPage;
        const form = req.method === 'GET' || req.method === 'HEAD' ? {} : readForm(req);
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          const given = form._csrf ?? headerValue(req, 'x-csrf-token');
          if (!sameToken(given, session.csrfToken)) {
            this.renderError(res, staffPage, 'csrf');
            return;
          }
        }
        if (role && session.staff.role !== role) throw new AppError('FORBIDDEN');
        const principal: Principal = { role: session.staff.role, staffId: session.staff.id, organisationId: session.staff.organisationId };
        await handler(req, res, { page: staffPage, staff: session.staff, principal, session, form });
      });
    };
  }

  /** Wraps a page anyone may see (sign-in, refusals) with the same error handling. */
  public(handler: PublicHandler): RequestHandler {
    return async (req: Request, res: Response) => {
      const page = this.pageContext(req);
      await this.safely(res, () => page, () => handler(req, res, page));
    };
  }

  renderError(res: Response, page: PageContext, kind: ErrorKind): void {
    sendHtml(res, ERROR_STATUS[kind], String(ErrorPage({ page, kind })));
  }

  /** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over https, living no longer than the session. */
  sessionCookie(req: Request, token: string, maxAgeSeconds: number): string {
    return cookie(SESSION_COOKIE, token, { secure: isHttps(req, this.publicUrl), maxAgeSeconds });
  }

  clearSessionCookie(req: Request): string {
    return cookie(SESSION_COOKIE, '', { secure: isHttps(req, this.publicUrl), maxAgeSeconds: 0 });
  }

  isHttps(req: Request): boolean {
    return isHttps(req, this.publicUrl);
  }

  private toSignIn(req: Request, res: Response, page: PageContext, notice: 'expired' | undefined): void {
    const params = new URLSearchParams({ returnTo: req.method === 'GET' ? page.path : '/console', ...(notice ? { notice } : {}) });
    const location = `/console/sign-in?${params.toString()}`;
    const clear: Record<string, string> = notice ? { 'set-cookie': this.clearSessionCookie(req) } : {};
    if (headerValue(req, 'hx-request') === 'true') {
      // htmx follows HX-Redirect with a full page load; a plain 303 would be swapped into the page.
      res.writeHead(401, { 'hx-redirect': location, 'cache-control': 'no-store', ...clear });
      res.end();
      return;
    }
    redirect(res, location, clear);
  }

  private async safely(res: Response, page: () => PageContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      const kind = error instanceof AppError ? ERROR_KIND_BY_CODE[error.code] : undefined;
      if (!kind) this.logger.error({ err: safeError(error) }, 'console request failed');
      if (res.headersSent) return;
      this.renderError(res, page(), kind ?? 'internal');
    }
  }
}

function headerValue(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
