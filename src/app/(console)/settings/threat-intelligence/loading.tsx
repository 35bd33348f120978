import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function Loading() {
  return <ListPageSkeleton />;
}
