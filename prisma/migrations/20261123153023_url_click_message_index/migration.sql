-- CreateIndex
CREATE INDEX "UrlClickEvent_networkMessageId_idx" ON "UrlClickEvent"("networkMessageId");
