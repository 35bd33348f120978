import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function SubmissionsLoading() {
  return <ListPageSkeleton />;
}
