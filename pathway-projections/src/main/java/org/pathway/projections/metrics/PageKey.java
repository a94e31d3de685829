package org.pathway.projections.metrics;

/**
 * Where a drill-down page read from the aggregates ends, for the next one to start after: a record
 * that is one contribution is placed by its anchor date and spell ({@link Keyset}); the records of
 * a family that are not ({@link Composite}) by their service user, then their identity ({@link
 * PersonKeyset}).
 */
public sealed interface PageKey permits Keyset, PersonKeyset {}
