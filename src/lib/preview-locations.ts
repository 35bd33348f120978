/** A blast-radius preview's location groups, in the decision dialog's words and order (stored JSON keeps no order). */
export const PREVIEW_LOCATIONS = ["Inbox", "Junk", "Deleted", "Quarantine", "Already moved", "Other"] as const;
export type TPreviewLocation = (typeof PREVIEW_LOCATIONS)[number];
