// What a failed connection means, in the words Test connection and the per-copy results use.
const WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "no answer",
  UND_ERR_SOCKET: "connection closed",
};

export const networkWords = (code: string | undefined): string | null =>
  code && Object.hasOwn(WORDS, code) ? WORDS[code] : null;
