// TEMPORARY root layout made by the UI-foundation session only so /ui-preview renders; replace freely.
import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
