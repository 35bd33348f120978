import { describe, expect, it } from "vitest";
import { BUILT_IN_BRANDS } from "@/server/verdicts/brands";
import type { TEmail } from "@/server/verdicts/email-input";
import { judgeEmail } from "@/server/verdicts/judge-email";
import { emptyTenantContext } from "@/server/verdicts/tenant-context";
import { engineEmail as email } from "../factories/engine-email";

// HTML written so that filters see neither the link nor the picture: a link host holding control characters (no URL
// parser reads it, so no link check runs) and a body drawn as CSS background pictures instead of <img>.
const context = emptyTenantContext({ brands: BUILT_IN_BRANDS });
const signalIds = (message: TEmail) => judgeEmail(message, context).signals.map((signal) => signal.id);

const garbledHtml =
  '<a href="   http://&#240;vJ2t&#159;ge&#156;653p.webrentals.example/r20ba.php?32=1o16"><div style="width: 630px;' +
  " background: url('https://imgur.example/C7ahPxd.png') no-repeat center; text-indent: -9999px\">x</div></a>";

describe("HTML that hides its link or its picture", () => {
  it("flags a link whose host holds control characters, and shows them as question marks", () => {
    const verdict = judgeEmail(email({ html: garbledHtml, textBody: "" }), context);
    const garbled = verdict.signals.find((signal) => signal.id === "links.garbled_host");
    expect(garbled?.weight).toBe(2.5);
    expect(garbled?.evidence).toContain('"ðvJ2t?ge?653p.webrentals.example"');
  });

  it("does not flag ordinary, internationalised or templated link hosts", () => {
    const hosts = ["www.example.com", "bücher.example", "{{unsubscribe_host}}", "example.com:8080"];
    for (const host of hosts)
      expect(signalIds(email({ html: `<a href="https://${host}/x">Read</a>`, textBody: "Read" }))).not.toContain(
        "links.garbled_host",
      );
  });

  it("counts a CSS background picture with a link and no text as an image-only body", () => {
    expect(signalIds(email({ html: garbledHtml, textBody: "" }))).toContain("html.image_only");
    const backgroundOnly = email({
      html: '<a href="https://promo.example/go"><div style="background-image:url(https://cdn.example/a.png)"></div></a>',
      textBody: "",
      urls: [{ url: "https://promo.example/go", domain: "promo.example", linkText: null }],
    });
    expect(signalIds(backgroundOnly)).toContain("html.image_only");
    expect(judgeEmail(email({ html: garbledHtml, textBody: "" }), context).verdict).toBe("Malicious");
  });

  it("does not call a body with text, or a background colour, image-only", () => {
    const withText = email({
      html: '<div style="background-image:url(https://cdn.example/a.png)">The minutes of Tuesday are attached.</div>',
      textBody: "The minutes of Tuesday are attached, with the figures we discussed.",
      urls: [{ url: "https://fabrikam.example/minutes", domain: "fabrikam.example", linkText: null }],
    });
    expect(signalIds(withText)).not.toContain("html.image_only");
    const colourOnly = email({
      html: '<a href="https://fabrikam.example/"><div style="background: #fff; color: #000"></div></a>',
      textBody: "",
      urls: [{ url: "https://fabrikam.example/", domain: "fabrikam.example", linkText: null }],
    });
    expect(signalIds(colourOnly)).not.toContain("html.image_only");
  });
});
