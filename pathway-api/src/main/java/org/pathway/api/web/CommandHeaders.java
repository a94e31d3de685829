package org.pathway.api.web;

/** The optional headers every command accepts: {@code Idempotency-Key} and {@code If-Match}. */
public record CommandHeaders(String idempotencyKey, String ifMatch) {}
