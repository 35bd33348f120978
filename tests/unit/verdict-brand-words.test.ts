import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { brandsNamed } from "@/server/verdicts/checks/impersonation";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { foldText } from "@/server/verdicts/text";
import { engineEmail as email } from "../factories/engine-email";

// Brands whose name is an everyday word (Ripple, Optimism, Booking.com): the name alone counts in a display name,
// never in a subject or body, and their domains are no look-alike stems.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });
const signalIds = (message: TEmail) => judgeEmail(message, context).signals.map((signal) => signal.id);
const names = (text: string, where?: "name" | "text") =>
  brandsNamed(foldText(text), BUILT_IN_BRANDS, where).map((brand) => brand.name);
const link = (url: string) => ({ url, domain: new URL(url).hostname, linkText: null });

describe("brands whose name is an everyday word", () => {
  it("names the brand in a display name, and in a subject or body only by its distinctive aliases", () => {
    expect(names("Ripple Team", "name")).toContain("Ripple");
    expect(names("Optimism Announcements", "name")).toContain("Optimism");
    expect(names("A ripple of optimism after the booking")).toEqual([]);
    expect(names("Claim on the XRP Ledger before Friday")).toContain("Ripple");
    expect(names("Your stay at Booking.com")).toContain("Booking.com");
    expect(names("Bittrex and Kraken accounts")).toEqual(expect.arrayContaining(["Bittrex", "Kraken"]));
  });

  it("weighs a display name that speaks as a chain or wallet from another domain, and not the word in a subject", () => {
    const lure = email({
      senderDisplayName: "Ripple Team",
      senderAddress: "xrpl@sanggraha.co.id",
      subject: "Get your XRP allocation",
      textBody: "Register to claim your XRP allocation before the deadline.",
      urls: [link("https://organicfood.example/claim")],
    });
    expect(signalIds(lure)).toEqual(
      expect.arrayContaining(["impersonation.brand_display_name", "content.lure_wallet"]),
    );
    expect(judgeEmail(lure, context).verdict).toBe("Malicious");
    const listPost = email({ subject: "Re: You've got a new booking inquiry! The ripple effect of the patch" });
    expect(signalIds(listPost)).not.toContain("impersonation.brand_subject");
    expect(judgeEmail(listPost, context).verdict).toBe("Clean");
  });

  it("takes no everyday-word domain as a look-alike stem, and still the brands' distinctive ones", () => {
    const near = (host: string) =>
      signalIds(email({ textBody: "See the page.", urls: [link(`https://${host}/page`)] })).includes(
        "impersonation.lookalike_brand_link",
      );
    expect(near("ripples.com")).toBe(false);
    expect(near("exodos.com")).toBe(false);
    expect(near("krakken.com")).toBe(true);
  });
});
