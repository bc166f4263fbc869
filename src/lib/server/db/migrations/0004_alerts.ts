// Alerts: decide → store → deliver. Subscriptions (email or webhook), the alert items decided from
// stored analysis (frozen copies, so a rebuild of the analysis tables never changes or re-sends what
// was decided), the outbox with one row per (subscription, item), and the deliveries that carry them.
export default /* sql */ `
-- Small key/value settings the app owns (the generated alerts signing key when ALERTS_SECRET is unset).
CREATE TABLE app_settings (
  key            TEXT PRIMARY KEY,
  value          TEXT NOT NULL
);

-- Unsubscribing deletes the row (and, by cascade, its outbox and deliveries): nothing is kept about
-- an address that left. target_digest (an HMAC of channel and target) lets a manage link name the
-- address without carrying it; nonce is in every token so links die with the subscription.
CREATE TABLE alert_subscriptions (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  channel          TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  target           TEXT NOT NULL,
  target_digest    TEXT NOT NULL,
  webhook_secret   TEXT,
  watch_type       TEXT CHECK (watch_type IN ('family', 'organization', 'board')),
  watch_value      TEXT,
  kinds            TEXT NOT NULL,
  min_severity     TEXT NOT NULL CHECK (min_severity IN ('low', 'medium', 'high')),
  divergence_level REAL NOT NULL,
  frequency        TEXT NOT NULL CHECK (frequency IN ('immediate', 'daily')),
  digest_hour      INTEGER NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
  status           TEXT NOT NULL CHECK (status IN ('pending', 'active')),
  nonce            TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  confirmed_at     TEXT
);
CREATE INDEX alert_subscriptions_digest ON alert_subscriptions(target_digest);
CREATE INDEX alert_subscriptions_status ON alert_subscriptions(status);

-- One alertable finding, decided once. key: event:<id>, mismatch:<id>, divergence:<pair>:<model>:<date>,
-- source:<id>:broken:<run>, source:<id>:retired. first_seen: when rankdrift first knew of it (an
-- event's first detection), compared with a subscription's confirmation time.
CREATE TABLE alert_items (
  key            TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  severity       TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  boards         TEXT NOT NULL,
  families       TEXT NOT NULL,
  organizations  TEXT NOT NULL,
  date           TEXT,
  title          TEXT NOT NULL,
  facts          TEXT NOT NULL,
  magnitude      REAL,
  previous_magnitude REAL,
  first_seen     TEXT NOT NULL
);

-- One message (email) or request (webhook). purpose: confirmation | challenge | alert | digest.
-- A claim sets status 'sending' with a lease, so two dispatchers never send one delivery at once.
CREATE TABLE alert_deliveries (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id  INTEGER NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
  channel          TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
  purpose          TEXT NOT NULL CHECK (purpose IN ('confirmation', 'challenge', 'alert', 'digest')),
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  lease_until      TEXT,
  last_attempt_at  TEXT,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT
);
CREATE INDEX alert_deliveries_status ON alert_deliveries(status, next_attempt_at);

-- The dedupe key: one row per (subscription, item), ever. due_at is now for immediate delivery and
-- the next digest hour for daily digests; delivery_id is set when a delivery takes the row.
CREATE TABLE alert_outbox (
  id               INTEGER PRIMARY KEY,
  subscription_id  INTEGER NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
  item_key         TEXT NOT NULL REFERENCES alert_items(key),
  queued_at        TEXT NOT NULL,
  due_at           TEXT NOT NULL,
  delivery_id      INTEGER REFERENCES alert_deliveries(id),
  UNIQUE (subscription_id, item_key)
);
CREATE INDEX alert_outbox_waiting ON alert_outbox(delivery_id, due_at);

-- Fixed-window counters for subscribe requests; keys are HMAC digests (no address or IP is stored).
CREATE TABLE alert_rate_limits (
  key            TEXT NOT NULL,
  window_start   TEXT NOT NULL,
  count          INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
);
`;
