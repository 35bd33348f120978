import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import { brandsInName } from "@/server/verdicts/checks/impersonation";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail as email } from "../factories/engine-email";

// Display names broken up so that a brand filter misses the brand a reader sees: three spaced letters ("D P D"),
// hyphens, underscores or dots between words or letters ("Magic-Eden", "N.E.T.F.L.I.X"); and the lure brands of NFT
// marketplaces, staking, loyalty points and parcel services.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });
const names = (displayName: string) => brandsInName(displayName, BUILT_IN_BRANDS).map((brand) => brand.name);
const signalIds = (message: TEmail) => judgeEmail(message, context).signals.map((signal) => signal.id);

describe("display names broken up to hide a brand", () => {
  it("reads three spaced letters, and marks between words or letters, as the brand's name", () => {
    expect(names("D P D  Versand .....YT844")).toEqual(["DPD"]);
    expect(names("Magic-Eden (DEMETER ICT Co. Ltd.)")).toEqual(["Magic Eden"]);
    expect(names("N.E.T.F.L.I.X, JWK")).toEqual(["Netflix"]);
    expect(names("Trust_Wallet Support")).toEqual(["Trust Wallet"]);
    expect(names("Booking.com Partner Hub")).toEqual(["Booking.com"]);
  });

  it("finds no brand in ordinary names with initials or hyphens", () => {
    expect(names("J R R Tolkien")).toEqual([]);
    expect(names("Jean-Pierre Dupont")).toEqual([]);
    expect(names("a.b.c team")).toEqual([]);
    expect(names("kernel test robot")).toEqual([]);
  });

  it("judges a letter-spaced parcel service from another domain Malicious, and the service's own mail not", () => {
    const lure = email({
      senderDisplayName: "D P D  Versand",
      senderAddress: "newsletters.vawfb@spreseau.example",
      subject: "Letzte Benachrichtigung – Zustellung Ihres Pakets",
    });
    expect(signalIds(lure)).toContain("impersonation.brand_display_name");
    expect(judgeEmail(lure, context).verdict).toBe("Malicious");
    const own = email({ senderDisplayName: "DPD", senderAddress: "noreply@service.dpd.de" });
    expect(signalIds(own)).not.toContain("impersonation.brand_display_name");
  });

  it("knows NFT marketplaces, staking, loyalty points and satellite radio as brands with their own domains", () => {
    expect(names("OpenSea")).toEqual(["OpenSea"]);
    expect(names("Lido")).toEqual(["Lido"]);
    expect(names("Livelo Informa")).toEqual(["Livelo"]);
    expect(names("Sirius XM")).toEqual(["SiriusXM"]);
    expect(
      signalIds(email({ senderDisplayName: "OpenSea", senderAddress: "deutsche-bank-ag@email.salonized.example" })),
    ).toContain("impersonation.brand_display_name");
    expect(signalIds(email({ senderDisplayName: "OpenSea", senderAddress: "no-reply@opensea.io" }))).not.toContain(
      "impersonation.brand_display_name",
    );
  });
});
