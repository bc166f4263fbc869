// A model's rows looked up by name and snapshot together (a board's top-N history over a window of
// snapshots) instead of every row the name ever had on every board.
export default /* sql */ `
DROP INDEX entries_name;
CREATE INDEX entries_name_snapshot ON entries(name_id, snapshot_id);
`;
