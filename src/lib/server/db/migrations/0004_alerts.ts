// Alerts: subscriptions, outbox and deliveries (filled in with the alerts work).
export default /* sql */ `
CREATE TABLE app_settings (
  key            TEXT PRIMARY KEY,
  value          TEXT NOT NULL
);
`;
