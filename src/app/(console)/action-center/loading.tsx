import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function ActionCenterLoading() {
  return <ListPageSkeleton hasTabs />;
}
