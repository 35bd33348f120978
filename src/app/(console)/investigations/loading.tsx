import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function InvestigationsLoading() {
  return <ListPageSkeleton />;
}
