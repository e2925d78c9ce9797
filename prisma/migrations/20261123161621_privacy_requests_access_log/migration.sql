-- CreateEnum
CREATE TYPE "DataRequestKind" AS ENUM ('ERASURE', 'RESTRICTION');

-- CreateEnum
CREATE TYPE "DataRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED');

-- AlterTable
ALTER TABLE "Citizen" ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "restrictedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AccessLog" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "staffId" TEXT,
    "role" "StaffRole" NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataExportLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "conversationKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "DataExportLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT,
    "kind" "DataRequestKind" NOT NULL,
    "status" "DataRequestStatus" NOT NULL DEFAULT 'PENDING',
    "source" TEXT NOT NULL,
    "requestedById" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionReason" TEXT,
    "tombstoneId" TEXT,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CitizenTombstone" (
    "id" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "enrolledOn" DATE NOT NULL,
    "erasedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "counts" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CitizenTombstone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AccessLog_citizenId_at_idx" ON "AccessLog"("citizenId", "at");

-- CreateIndex
CREATE INDEX "AccessLog_at_idx" ON "AccessLog"("at");

-- CreateIndex
CREATE UNIQUE INDEX "DataExportLink_tokenHash_key" ON "DataExportLink"("tokenHash");

-- CreateIndex
CREATE INDEX "DataExportLink_citizenId_idx" ON "DataExportLink"("citizenId");

-- CreateIndex
CREATE INDEX "DataRequest_status_requestedAt_idx" ON "DataRequest"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "DataRequest_citizenId_idx" ON "DataRequest"("citizenId");

-- AddForeignKey
ALTER TABLE "AccessLog" ADD CONSTRAINT "AccessLog_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

