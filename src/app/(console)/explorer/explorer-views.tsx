import { UrlTabs } from "@/components/console/url-tabs";

/** Threat Explorer's views, as Defender names them: every message, or the campaigns users' reports make. */
export function ExplorerViews({ active }: { active: "all" | "campaigns" }) {
  return (
    <UrlTabs
      label="Threat Explorer views"
      tabs={[
        { href: "/explorer", label: "All email", isActive: active === "all" },
        { href: "/explorer/campaigns", label: "Campaigns", isActive: active === "campaigns" },
      ]}
    />
  );
}
