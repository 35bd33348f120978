import { DetailsPageSkeleton } from "@/components/console/page-skeletons";

export default function AlertLoading() {
  return <DetailsPageSkeleton />;
}
