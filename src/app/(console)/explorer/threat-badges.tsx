import { Badge } from "@/components/ui/badge";
import { threatTone } from "@/lib/email-threats";

/** Threat verdicts as badges; a clean message says "None" quietly rather than leaving a blank cell. */
export function ThreatBadges({ threats }: { threats: readonly string[] }) {
  if (!threats.length) return <span className="text-muted-foreground">None</span>;
  return (
    <span className="inline-flex gap-1">
      {threats.map((threat) => (
        <Badge key={threat} variant={threatTone(threat)} hasDot>
          {threat}
        </Badge>
      ))}
    </span>
  );
}
