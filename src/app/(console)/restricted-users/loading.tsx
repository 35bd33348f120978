import { ListPageSkeleton } from "@/components/console/page-skeletons";

export default function RestrictedUsersLoading() {
  return <ListPageSkeleton hasTabs />;
}
