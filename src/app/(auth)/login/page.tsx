import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Brand } from "@/components/layout/brand";
import { safeCallbackPath } from "@/lib/safe-callback-path";
import { consoleBaseUrl } from "@/server/activity/feed-record";
import { sessionPrincipal } from "@/server/auth/current-principal";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await sessionPrincipal()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only the console's own paths: an open redirect after sign-in is a phishing gift.
  const target = safeCallbackPath(callbackUrl, consoleBaseUrl());
  return (
    <main className="flex min-h-dvh items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-sm space-y-6 rounded-lg border bg-card p-6 shadow-sm sm:p-8">
        <div className="space-y-2">
          <Brand />
          <h1 className="text-xl font-semibold">Sign in to the console</h1>
          <p className="text-sm text-muted-foreground">Automated investigation and response for your mail.</p>
        </div>
        <SignInForm callbackUrl={target} />
      </div>
    </main>
  );
}
