import Link from "next/link";
import { Button } from "@/components/ui/button";

// Only a console page calls forbidden() (every signed-in role may open the console itself), so this renders inside the
// console's <main>: a section of it, not a second <main>.
export default function Forbidden() {
  return (
    <section
      aria-labelledby="forbidden-title"
      className="flex flex-col items-center gap-4 rounded-lg border bg-card px-6 py-16 text-center"
    >
      <p className="text-sm font-medium text-muted-foreground">403</p>
      <h1 id="forbidden-title" className="text-2xl font-semibold">
        You do not have access to this page
      </h1>
      <p className="max-w-md text-sm text-muted-foreground">
        Your role does not include it. Ask a Security Administrator if you need it.
      </p>
      <Button asChild variant="outline">
        <Link href="/">Back to the console</Link>
      </Button>
    </section>
  );
}
