import { Badge } from "@/components/ui/badge";
import type { DecidedBy } from "@/generated/prisma/enums";

/** Who decided an action: Defender's "Automation" (auto-remediated or expired) as a badge, else the person's name. */
export function DecidedByLabel({ decidedBy, name }: { decidedBy: DecidedBy | null; name: string | null }) {
  if (decidedBy === "Automation") return <Badge variant="info">Automation</Badge>;
  return <>{name ?? "—"}</>;
}
