import { Label } from "@/components/ui/label";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export function PreviewForm() {
  return (
    <div className="grid gap-3">
      <div className="grid gap-1.5">
        <Label htmlFor="threshold">Cluster size limit</Label>
        <Input id="threshold" defaultValue="10000" />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="action">Action</Label>
        <Select id="action" defaultValue="softDelete" className="w-full">
          <option value="softDelete">Soft delete</option>
          <option value="junk">Move to Junk</option>
        </Select>
      </div>
    </div>
  );
}
