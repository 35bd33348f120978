import { DetailsPageSkeleton } from "@/components/console/page-skeletons";

export default function InvestigationLoading() {
  return <DetailsPageSkeleton hasTabs />;
}
