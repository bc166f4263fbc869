/**
 * Two snapshots of a series further apart than this cannot date what changed between them: the event
 * analysis compares no moves across such a gap, and charts do not draw a line across it. Kept apart
 * from the event analysis so the browser's chart code can read it.
 */
export const MAX_GAP_DAYS = 60;
