import { Badge } from "@/components/ui/badge";

/** On, Off (a person switched it off) or Auto-disabled (its query kept failing), as Defender words it. */
export function RuleStatus({ isEnabled, disabledReason }: { isEnabled: boolean; disabledReason: string | null }) {
  if (isEnabled) return <Badge variant="success">On</Badge>;
  if (disabledReason)
    return (
      <Badge variant="high" title={disabledReason}>
        Auto-disabled
      </Badge>
    );
  return <Badge variant="outline">Off</Badge>;
}
