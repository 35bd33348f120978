// Before each integration test file: every answer a route gives in any test is parsed with its contract's response
// schema, so a contract that lies about its answer fails the test that saw it (as a 500 naming the field).
import { setResponseCheck } from "@/server/http/response-check";
import { assertContractResponse } from "./contract-response";

setResponseCheck(assertContractResponse);
