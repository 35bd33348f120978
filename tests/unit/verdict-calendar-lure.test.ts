import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import type { TEmail, TEmailAttachment } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail as email } from "../factories/engine-email";

// A calendar invitation lowers suspicion because meetings are what people send one another; a lure that rides on
// an .ics (a fake marketplace "offer", a delivery slot) from a sender pretending to be a brand gets no such discount.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });
const signalIds = (message: TEmail) => judgeEmail(message, context).signals.map((signal) => signal.id);
const invite: TEmailAttachment = {
  fileName: "invite.ics",
  contentType: "text/calendar",
  size: 900,
  sha256: "0".repeat(64),
};

describe("calendar invitations", () => {
  it("lowers suspicion for a colleague's invitation", () => {
    const meeting = email({ subject: "Invitation: design review @ Tue 10:00", attachments: [invite] });
    expect(signalIds(meeting)).toContain("system.calendar_invitation");
    expect(judgeEmail(meeting, context).verdict).toBe("Clean");
  });

  it("gives no discount to an invitation whose sender pretends to be a brand, which stays Malicious", () => {
    const lure = email({
      senderDisplayName: "OpenSea",
      senderAddress: "deutsche-bank-ag@email.salonized.example",
      subject: "Exciting news! Someone made an offer on your listed item",
      attachments: [{ ...invite, fileName: "Appointment.ics" }],
    });
    expect(signalIds(lure)).not.toContain("system.calendar_invitation");
    expect(signalIds(lure)).toContain("impersonation.brand_display_name");
    expect(judgeEmail(lure, context).verdict).toBe("Malicious");
  });

  it("keeps the discount for the brand's own invitation", () => {
    const own = email({
      senderDisplayName: "Google Calendar",
      senderAddress: "calendar-notification@google.com",
      attachments: [invite],
    });
    expect(signalIds(own)).toContain("system.calendar_invitation");
  });
});
