-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN     "answeredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReminderAttempt" (
    "id" TEXT NOT NULL,
    "reminderId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "status" INTEGER,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_citizenId_status_idx" ON "Reminder"("citizenId", "status");

-- AddForeignKey
ALTER TABLE "ReminderAttempt" ADD CONSTRAINT "ReminderAttempt_reminderId_fkey" FOREIGN KEY ("reminderId") REFERENCES "Reminder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

