-- CreateIndex
CREATE INDEX "ChannelIdentity_citizenId_idx" ON "ChannelIdentity"("citizenId");

-- CreateIndex
CREATE INDEX "ChannelIdentity_staffId_idx" ON "ChannelIdentity"("staffId");

-- CreateIndex
CREATE INDEX "ConsentRecord_citizenId_at_idx" ON "ConsentRecord"("citizenId", "at");

-- CreateIndex
CREATE INDEX "Goal_citizenId_idx" ON "Goal"("citizenId");

-- CreateIndex
CREATE INDEX "SubGoal_goalId_idx" ON "SubGoal"("goalId");

-- CreateIndex
CREATE INDEX "CheckIn_citizenId_status_idx" ON "CheckIn"("citizenId", "status");

-- CreateIndex
CREATE INDEX "ReminderAttempt_reminderId_idx" ON "ReminderAttempt"("reminderId");

