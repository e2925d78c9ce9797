import { z } from 'zod';

export type DataRequestKind = 'ERASURE' | 'RESTRICTION';

/**
 * A coordinator's decision on a request: approving needs nothing more; refusing needs a reason, because the
 * citizen must be told what is kept and on which legal ground (e.g. the authority's duty to keep case records).
 */
export const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((value) => value.decision === 'approve' || (value.reason?.length ?? 0) >= 10, {
    path: ['reason'],
    message: 'a refusal needs a reason of at least 10 characters: what is kept and why',
  });
export type Decision = z.infer<typeof decisionSchema>;

/** A caseworker records a request made to them (by phone, letter, in person) on the citizen's behalf. */
export const recordRequestSchema = z.object({ kind: z.enum(['ERASURE', 'RESTRICTION']) });
