import "server-only";
import { createHmac, randomBytes } from "node:crypto";

export const SIGNATURE_HEADER = "x-breakwater-signature";
export const TIMESTAMP_HEADER = "x-breakwater-timestamp";

/** A new webhook secret: 256 random bits, prefixed so that a leaked one is recognisable in a scan. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact bytes sent, keyed with the webhook's secret (as GitHub signs). */
export function signWebhookBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
