/** Postgres channel notified (on commit) when events wait in the outbox (defined with the delivery events' statement). */
export { EVENT_OUTBOX_CHANNEL as OUTBOX_CHANNEL } from '@parcours/domain';
