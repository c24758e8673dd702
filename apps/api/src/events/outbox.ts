/** Postgres channel notified (on commit) when events wait in the outbox. */
export const OUTBOX_CHANNEL = 'parcours_event_outbox';
