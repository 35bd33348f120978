import { ArrowLeft } from "lucide-react";
import Link from "next/link";

/** The way back to the list a details page was opened from. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link
      href={href}
      className="mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-link hover:underline focus-visible:outline-2 focus-visible:outline-ring"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {label}
    </Link>
  );
}
