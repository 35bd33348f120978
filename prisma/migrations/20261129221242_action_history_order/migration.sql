-- CreateIndex
CREATE INDEX "Action_createdAt_id_idx" ON "Action"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Action_decidedAt_id_idx" ON "Action"("decidedAt", "id");
