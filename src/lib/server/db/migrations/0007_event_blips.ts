// Events now come from each board's series with its own noise, and a jump the next snapshot undoes is
// kept but marked a blip. Every stored snapshot is queued for analysis so the next pass recomputes
// what older code stored.
export default /* sql */ `
ALTER TABLE events ADD COLUMN blip INTEGER NOT NULL DEFAULT 0;
UPDATE snapshots SET analyzed = 0 WHERE status = 'active';
`;
