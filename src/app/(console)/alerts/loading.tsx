import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function AlertsLoading() {
  return <ListPageSkeleton />;
}
