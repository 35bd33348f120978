import {
  Bell,
  Flag,
  House,
  ListChecks,
  MailSearch,
  Microscope,
  SearchCode,
  Settings,
  UserX,
  type LucideIcon,
} from "lucide-react";

export type NavItem = { label: string; href: string; icon: LucideIcon };

// Defender's names and order; users coming from it look for exactly these words.
export const NAV_ITEMS: readonly NavItem[] = [
  { label: "Home", href: "/", icon: House },
  { label: "Alerts", href: "/alerts", icon: Bell },
  { label: "Investigations", href: "/investigations", icon: Microscope },
  { label: "Action center", href: "/action-center", icon: ListChecks },
  { label: "Restricted users", href: "/restricted-users", icon: UserX },
  { label: "Threat Explorer", href: "/explorer", icon: MailSearch },
  { label: "Submissions", href: "/submissions", icon: Flag },
  { label: "Advanced hunting", href: "/hunting", icon: SearchCode },
  { label: "Settings", href: "/settings", icon: Settings },
];

/** Prefix match so /alerts/123 keeps "Alerts" lit; "/" only matches itself or it would match everything. */
export function isNavItemActive(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
