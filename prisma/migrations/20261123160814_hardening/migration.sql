-- Hand-written: Prisma's schema language cannot express partial unique indexes.

-- At most one pending recurring reminder per citizen and kind, whichever instance plans it. Several instances
-- used to plan the same one; keep the earliest of each and cancel the rest before the index can be created.
UPDATE "Reminder" r SET status = 'CANCELLED', "leaseUntil" = NULL
WHERE r.kind IN ('checkIn', 'pulse') AND r.status IN ('PENDING', 'CLAIMED') AND (r.payload->>'adHoc') IS DISTINCT FROM 'true'
  AND EXISTS (
    SELECT 1 FROM "Reminder" k
    WHERE k."citizenId" = r."citizenId" AND k.kind = r.kind AND k.status IN ('PENDING', 'CLAIMED')
      AND (k.payload->>'adHoc') IS DISTINCT FROM 'true' AND (k."dueAt", k.id) < (r."dueAt", r.id));

CREATE UNIQUE INDEX "Reminder_one_pending_recurring" ON "Reminder" ("citizenId", kind)
WHERE kind IN ('checkIn', 'pulse') AND status IN ('PENDING', 'CLAIMED') AND (payload->>'adHoc') IS DISTINCT FROM 'true';

-- Likewise at most one pending reminder per small step (postponed copies carry adHoc and are not counted).
UPDATE "Reminder" r SET status = 'CANCELLED', "leaseUntil" = NULL
WHERE r.kind = 'step' AND r.status IN ('PENDING', 'CLAIMED') AND (r.payload->>'adHoc') IS DISTINCT FROM 'true'
  AND EXISTS (
    SELECT 1 FROM "Reminder" k
    WHERE k.kind = 'step' AND k.payload->>'stepId' = r.payload->>'stepId' AND k.status IN ('PENDING', 'CLAIMED')
      AND (k.payload->>'adHoc') IS DISTINCT FROM 'true' AND (k."dueAt", k.id) < (r."dueAt", r.id));

CREATE UNIQUE INDEX "Reminder_one_pending_step" ON "Reminder" ((payload->>'stepId'))
WHERE kind = 'step' AND status IN ('PENDING', 'CLAIMED') AND (payload->>'adHoc') IS DISTINCT FROM 'true';

-- Counters of rate-limiter-flexible's PostgreSQL store (abuse limits that hold across instances); its own layout.
CREATE TABLE "RateLimit" (
    key VARCHAR(255) PRIMARY KEY,
    points INTEGER NOT NULL DEFAULT 0,
    expire BIGINT
);
