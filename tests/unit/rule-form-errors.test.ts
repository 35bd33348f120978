import { describe, expect, it } from "vitest";
import { generalError, issuesByField } from "@/components/detection-rules/use-rule-form";
import { ApiError } from "@/lib/api-client";

// A detection rule's form (Create from Advanced hunting, Edit on a rule's page) says each of the API's objections
// once: beneath its field where the form shows one, else above its buttons.
describe("a detection rule form's errors", () => {
  const syntax = new ApiError(400, "Expected an expression", [
    { path: "body.query", message: "Expected an expression", line: 2, column: 31 },
  ]);

  it("groups the API's issues by their field, with the query's line and column", () => {
    expect(
      issuesByField([
        ...syntax.issues,
        { path: "body.entityColumns.1", message: "must not repeat a column" },
        { path: "body.entityColumns", message: "the query does not return Url" },
      ]),
    ).toEqual({
      query: "line 2, column 31: Expected an expression",
      entityColumns: "must not repeat a column; the query does not return Url",
    });
  });

  it("says nothing above the buttons when every issue shows beneath its field", () => {
    expect(generalError(syntax, issuesByField(syntax.issues), true, "The rule could not be saved")).toBeNull();
  });

  it("says the query's mistake above the buttons where the query is not a field (created from Advanced hunting)", () => {
    expect(generalError(syntax, issuesByField(syntax.issues), false, "The rule could not be created")).toBe(
      "query: line 2, column 31: Expected an expression",
    );
  });

  it("says the issues no field shows, beside those that one does", () => {
    const issues = [
      { path: "body.name", message: "must not be empty" },
      { path: "body.category", message: "too long" },
    ];
    const caught = new ApiError(400, "Invalid name: must not be empty", issues);
    expect(generalError(caught, issuesByField(issues), true, "The rule could not be saved")).toBe("category: too long");
  });

  it("says the error's own message when the API named no field, and the fallback for anything else", () => {
    expect(generalError(new ApiError(409, "A rule with this name exists"), {}, true, "fallback")).toBe(
      "A rule with this name exists",
    );
    expect(generalError("offline", {}, false, "The rule could not be created")).toBe("The rule could not be created");
  });
});
