"use client";

import { SettingsForm } from "@/components/console/settings-form";
import { useSettingsForm } from "@/components/console/use-settings-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { callApi } from "@/lib/api-client";

export type TDetectionSettingsView = {
  trustedAuthservIds: string[];
  customBrands: { name: string; domains: string[] }[];
  learningDays: number;
  campaignWindowDays: number;
  sharedHosts: string[];
  updatedAt: Date | null;
  updatedBy: string | null;
};

type TValues = {
  trustedAuthservIds: string;
  customBrands: string;
  learningDays: string;
  campaignWindowDays: string;
  sharedHosts: string;
};

const valuesOf = (settings: TDetectionSettingsView): TValues => ({
  trustedAuthservIds: settings.trustedAuthservIds.join("\n"),
  customBrands: settings.customBrands.map((brand) => `${brand.name}: ${brand.domains.join(", ")}`).join("\n"),
  learningDays: String(settings.learningDays),
  campaignWindowDays: String(settings.campaignWindowDays),
  sharedHosts: settings.sharedHosts.join("\n"),
});

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** "Woodgrove Bank: woodgrovebank.com, woodgrove.com" per line; the server names the line a domain is wrong on. */
function brandsOf(text: string) {
  return lines(text).map((line) => {
    const at = line.lastIndexOf(":");
    const name = at === -1 ? line : line.slice(0, at).trim();
    const domains =
      at === -1
        ? []
        : line
            .slice(at + 1)
            .split(/[,\s]+/)
            .filter(Boolean);
    return { name, domains };
  });
}

type TFormProps = {
  settings: TDetectionSettingsView;
  canEdit: boolean;
  builtInBrandCount: number;
  builtInSharedHosts: readonly string[];
};

export function DetectionSettingsForm({ settings, canEdit, builtInBrandCount, builtInSharedHosts }: TFormProps) {
  const stored = valuesOf(settings);
  const builtInHosts = builtInSharedHosts.join("\n");
  const form = useSettingsForm(stored, JSON.stringify(stored), async (values) => {
    // The built-in list is sent as null, so it keeps following the built-in defaults; an unchanged list is not sent.
    const hosts = lines(values.sharedHosts);
    const sharedHosts =
      hosts.join("\n") === builtInHosts ? null : values.sharedHosts === stored.sharedHosts ? undefined : hosts;
    const body = {
      trustedAuthservIds: lines(values.trustedAuthservIds),
      customBrands: brandsOf(values.customBrands),
      learningDays: Number(values.learningDays),
      campaignWindowDays: Number(values.campaignWindowDays),
      ...(sharedHosts === undefined ? {} : { sharedHosts }),
    };
    await callApi("PUT /api/v1/settings/detection", { body });
    return "Detection settings saved. Messages judged from now on use them.";
  });
  const { values, setValues, isSaving } = form;
  const isReadOnly = !canEdit || isSaving;

  return (
    <SettingsForm
      form={form}
      canEdit={canEdit}
      lastChange={settings}
      neverChanged="Never changed: the topmost authentication results count, and the built-in brands."
    >
      <Card>
        <CardHeader>
          <CardTitle>Trusted receiving servers</CardTitle>
          <CardDescription>
            SPF, DKIM and DMARC results count only from Authentication-Results headers your own servers wrote. Anyone
            can write such a header into a message before it reaches you.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-1.5">
          <Label htmlFor="trusted-authserv-ids">Authserv-ids, one per line</Label>
          <Textarea
            id="trusted-authserv-ids"
            rows={3}
            readOnly={isReadOnly}
            value={values.trustedAuthservIds}
            placeholder="mx1.contoso.com"
            aria-describedby="trusted-authserv-ids-hint"
            onChange={(event) => setValues({ ...values, trustedAuthservIds: event.target.value })}
          />
          <p id="trusted-authserv-ids-hint" className="text-xs text-muted-foreground">
            The first word of the header your border server adds (rspamd, OpenDMARC and Postfix show it as{" "}
            <code>Authentication-Results: mx1.contoso.com; …</code>). Empty: only the topmost header counts, the one the
            server nearest the mailbox added.
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Brands</CardTitle>
          <CardDescription>
            {builtInBrandCount} well-known brands are built in. A display name, subject or lure naming a brand from a
            domain that is not the brand&apos;s is impersonation; a domain drawn to look like a brand&apos;s is a
            look-alike. Add your suppliers, banks and partners, or more domains of a built-in brand (same name).
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-1.5">
          <Label htmlFor="custom-brands">Your brands, one per line: name, a colon, then its domains</Label>
          <Textarea
            id="custom-brands"
            rows={4}
            readOnly={isReadOnly}
            value={values.customBrands}
            placeholder="Woodgrove Bank: woodgrovebank.com, woodgrove.com"
            onChange={(event) => setValues({ ...values, customBrands: event.target.value })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Learning</CardTitle>
          <CardDescription>
            How long an analyst&apos;s assessment keeps deciding later messages of the same campaign.
          </CardDescription>
        </CardHeader>
        <CardContent className="max-w-sm space-y-1.5">
          <Label htmlFor="learning-days">Keep what was learnt for (days)</Label>
          <Input
            id="learning-days"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            step={1}
            required
            readOnly={isReadOnly}
            value={values.learningDays}
            className="w-28"
            onChange={(event) => setValues({ ...values, learningDays: event.target.value })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Campaigns</CardTitle>
          <CardDescription>
            Reports that share a sender, a Reply-To, a link host, a file or a body within the window are one campaign
            (Threat Explorer › Campaigns). Links to the hosts below never link reports, nor teach anything: thousands of
            unrelated senders use them. Your own domains never count either.
          </CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div className="max-w-sm space-y-1.5">
            <Label htmlFor="campaign-window-days">Campaign window (days)</Label>
            <Input
              id="campaign-window-days"
              type="number"
              inputMode="numeric"
              min={1}
              max={90}
              step={1}
              required
              readOnly={isReadOnly}
              value={values.campaignWindowDays}
              className="w-28"
              onChange={(event) => setValues({ ...values, campaignWindowDays: event.target.value })}
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="shared-hosts">
              Shared hosts, one per line (URL shorteners, cloud documents, file sharing)
            </Label>
            <Textarea
              id="shared-hosts"
              rows={6}
              readOnly={isReadOnly}
              value={values.sharedHosts}
              placeholder="bit.ly"
              aria-describedby="shared-hosts-hint"
              onChange={(event) => setValues({ ...values, sharedHosts: event.target.value })}
            />
            <p id="shared-hosts-hint" className="text-xs text-muted-foreground">
              A host covers its subdomains (google.com covers docs.google.com).{" "}
              {lines(values.sharedHosts).join("\n") === builtInHosts ? "This is the built-in list." : null}
            </p>
            {canEdit && lines(values.sharedHosts).join("\n") !== builtInHosts ? (
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={isSaving}
                onClick={() => setValues({ ...values, sharedHosts: builtInHosts })}
              >
                Restore the built-in list
              </Button>
            ) : null}
          </div>
        </CardContent>
      </Card>
    </SettingsForm>
  );
}
