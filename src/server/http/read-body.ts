import "server-only";
import { AppError } from "./app-error";

const tooLarge = (maxBytes: number) => {
  const size = maxBytes >= 1 << 20 ? `${maxBytes / (1 << 20)} MiB` : `${maxBytes.toLocaleString("en-US")} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than the ${size} accepted`);
};

/**
 * The body as bytes, refused past `maxBytes` by its declared length, and while it streams by what has arrived: the
 * stream is cancelled at the limit, so a 300 MiB upload costs at most `maxBytes` of memory and is answered at once.
 */
export async function readBytes(request: Request, maxBytes: number): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}

/** The body as UTF-8 text, with the same limit; bytes that are not UTF-8 read as U+FFFD, and a leading BOM is dropped, as `request.text()` does. */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, maxBytes));
}
