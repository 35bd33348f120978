// The Manage alert form's values and the request they make, apart from the form so that they can be tested alone.

/** The form's values as the selects hold them: KEEP leaves a field as it is (bulk only), NONE clears it. */
export type TTriageValues = { status: string; assigneeId: string; classification: string; determination: string };

export const KEEP = "keep";
export const NONE = "none";

/**
 * The request body for the fields that differ from `initial` (one alert) or are not KEEP (bulk): only what the analyst
 * changed is sent, so a field someone else changed meanwhile is not overwritten with what this form showed.
 */
export function triageBody(values: TTriageValues, initial?: TTriageValues): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  const isChanged = (key: keyof TTriageValues) => values[key] !== KEEP && values[key] !== initial?.[key];
  if (isChanged("status")) body.status = values.status;
  if (isChanged("assigneeId")) body.assigneeId = values.assigneeId === NONE ? null : values.assigneeId;
  if (isChanged("classification") || (values.classification !== KEEP && isChanged("determination"))) {
    body.classification = values.classification === NONE ? null : values.classification;
    if (values.classification !== NONE && values.determination !== NONE) body.determination = values.determination;
  }
  return body;
}
