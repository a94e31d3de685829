-- Ids first seen since the analysts' pseudonyms were last written (AnalyticsTables): a service user when their
-- identity is stored, a spell or step-down placement when the live projection writes its first version, each in
-- the same transaction. The pseudonym job drains it every few seconds instead of comparing every id the read models
-- hold with every pseudonym (which grew with the history: 140 ms a run at 11,000 people); it still does that whole
-- comparison at start-up and after a read-model rebuild, whose bulk path writes no queue.
CREATE TABLE analytics_pseudonym_queue (
    id UUID PRIMARY KEY
);
