import "server-only";
import { AppError } from "@/server/http/app-error";

/** The upload is not an email message; the route answers 400 with this message. */
export class MalformedEmlError extends AppError {
  constructor(reason: string) {
    super("BAD_REQUEST", `Invalid body: not an email message (${reason})`, [{ path: "body", message: reason }]);
    this.name = "MalformedEmlError";
  }
}
