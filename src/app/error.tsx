"use client";

import ConsoleError from "./(console)/error";

/**
 * Failures above the console's own boundary: its layout reads the signed-in user from the database, so while the
 * database is down the page shows this error state (with Retry) instead of Next's bare error page.
 */
export default function RootError(props: Parameters<typeof ConsoleError>[0]) {
  return (
    <main className="mx-auto max-w-xl p-6">
      <ConsoleError {...props} />
    </main>
  );
}
