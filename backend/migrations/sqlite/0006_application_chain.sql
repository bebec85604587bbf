-- Financial assistance is applied for a month at a time: next month's application points to
-- the one it continues, so counsellors see the months as one chain.
ALTER TABLE applications ADD COLUMN previous_id INTEGER REFERENCES applications (id);
