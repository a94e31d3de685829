-- The nodes of a cluster sharing this database, each saying it is alive every few seconds, so that the segments of
-- the event processors can be shared out among the live ones (ProcessorBalancer; docs/operations.md).
CREATE TABLE cluster_node (
    node_id       TEXT         PRIMARY KEY,
    heartbeat_at  TIMESTAMPTZ  NOT NULL
);
