import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Breakwater", template: "%s · Breakwater" },
  description: "Automated investigation and response for email",
  // public/favicon.svg: the sidebar's mark; src/proxy.ts lets it through to anyone, signed in or not.
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

// Every page is rendered per request, even the 404: Next.js can put this request's CSP nonce (src/proxy.ts) on its
// scripts only while rendering, so a page prerendered at build time would have its scripts blocked.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background text-foreground antialiased">{children}</body>
    </html>
  );
}
