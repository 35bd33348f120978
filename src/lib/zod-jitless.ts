import { z } from "zod";

// The console's Content-Security-Policy has no 'unsafe-eval': in the browser zod must not probe for `new Function`
// (its JIT) when a schema shared with the server (the action catalogue's) is built or parsed there. Imported first by
// the modules of src/lib that the browser loads with zod; the server keeps the JIT.
if (typeof window !== "undefined") z.config({ jitless: true });
