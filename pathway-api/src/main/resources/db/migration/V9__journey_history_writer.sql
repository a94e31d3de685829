-- Which projection instance last wrote journeys of each segment of the journey-history processor: every batch that
-- handles events of a segment moves its row on, in the batch's transaction. A node keeps the journeys it touched in
-- memory between batches only while the row still holds its own last mark (JourneyHistoryProjection).
CREATE TABLE journey_history_writer (
    segment  INTEGER  PRIMARY KEY,
    writer   TEXT     NOT NULL,
    batch    BIGINT   NOT NULL
);
