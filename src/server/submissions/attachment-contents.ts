import "server-only";
import type { TArchiveListing } from "@/server/verdicts/email-input";

const MAX_ENTRIES = 500;

/**
 * The names inside a zip and whether any is encrypted, from its central directory (read, never extracted: a zip
 * bomb costs nothing here). Only the directory records are walked, each bounded by the buffer; null when the bytes
 * are not a readable zip.
 */
export function zipListing(data: Buffer): TArchiveListing | null {
  if (data.length < 22 || data.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let end = -1;
  for (let at = data.length - 22; at >= Math.max(0, data.length - 65_557); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end === -1) return null;
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: string[] = [];
  let isEncrypted = false;
  for (let index = 0; index < count && entries.length < MAX_ENTRIES; index++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== 0x02014b50) break;
    const flags = data.readUInt16LE(at + 8);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    if (flags & 1) isEncrypted = true;
    entries.push(
      data.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, Math.min(data.length, at + 46 + nameLength)),
    );
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, isEncrypted };
}

/** VBA macros: an OOXML package with a vbaProject part, or an OLE2 document (.doc/.xls) with a VBA storage. */
export function hasMacros(data: Buffer, listing: TArchiveListing | null): boolean {
  if (listing) return listing.entries.some((entry) => /vbaProject\.bin$/i.test(entry));
  const isOle2 = data.length > 8 && data.readUInt32LE(0) === 0xe011cfd0 && data.readUInt32LE(4) === 0xe11ab1a1;
  if (!isOle2) return false;
  const utf16 = (text: string) => Buffer.from(text, "utf16le");
  return data.includes(utf16("_VBA_PROJECT"));
}
