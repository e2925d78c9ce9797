import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Principal } from '../../domain/access.js';
import { AppError, errorCatalogue } from '../errors.js';
import { type Logger, safeError } from '../logger.js';
import type { StaffAuthenticator } from './staffAuth.js';

export interface JsonResult {
  status: number;
  body: unknown;
}

export type StaffHandler = (req: Request, principal: Principal) => Promise<JsonResult>;

/** Wraps a staff-API handler: authenticates, runs it, and shapes every error as `{error, message, fields?}`. */
export function staffRoute(auth: StaffAuthenticator, logger: Logger, handler: StaffHandler) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      const principal = await auth.authenticate(req.header('authorization'));
      const result = await handler(req, principal);
      res.send(result.status, result.body);
    } catch (error) {
      const known = error instanceof AppError ? error : conflictOf(error);
      if (known) {
        res.send(known.status, { error: known.code, message: known.message, ...(known.details ? { fields: known.details } : {}) });
        return;
      }
      logger.error({ reqId: req.id(), err: safeError(error) }, 'staff API failed');
      res.send(500, { error: 'INTERNAL', message: errorCatalogue.INTERNAL.message });
    }
  };
}

/**
 * A unique constraint the request ran into (Prisma P2002: e.g. a second staff member with the same Azure AD
 * object id) is the caller's conflict, 409 naming the fields, not our failure.
 */
function conflictOf(error: unknown): AppError | undefined {
  const { code, meta } = (error ?? {}) as { code?: unknown; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } };
  if (code !== 'P2002') return undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? meta?.target;
  const names = Array.isArray(fields) ? fields.map((field) => String(field).replace(/"/g, '')) : ['body'];
  return new AppError('CONFLICT', Object.fromEntries(names.map((name) => [name, 'is already in use'])));
}

/** Validates a body against a schema; a 400 names every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.join('.') || 'body'] = issue.message;
  throw new AppError('BAD_REQUEST', fields);
}

/**
 * Why staff read something: the alert or task it came from, as `?reason=<id>` (a UUID, or nothing). Only an id is
 * kept, never free text, so the access log cannot end up holding personal data.
 */
export function reasonOf(req: Request): string | null {
  const value = (req.query as Record<string, unknown> | undefined)?.reason;
  return typeof value === 'string' && UUID.test(value) ? value : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID cannot name anything: 404, not a database error. */
export function pathId(req: Request, name = 'id'): string {
  const value = (req.params as Record<string, string | undefined>)[name];
  if (!value || !UUID.test(value)) throw new AppError('NOT_FOUND');
  return value;
}
