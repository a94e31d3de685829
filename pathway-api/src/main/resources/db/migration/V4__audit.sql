-- Tamper evidence: every stored event is sealed, in the order the sealer sees them (global order), by a SHA-256
-- over its stored columns and the previous seal's hash. Written only by the single-threaded audit-seal processor.
CREATE TABLE event_seal (
    seal_seq         BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    hash             BYTEA        NOT NULL,
    previous_hash    BYTEA        NOT NULL,
    sealed_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Every read of identified data: who, in which role, whose record, which endpoint, when.
CREATE TABLE access_log (
    id               BIGSERIAL    PRIMARY KEY,
    accessed_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    principal        VARCHAR(200) NOT NULL,
    role             VARCHAR(20),
    service_user_id  UUID,
    method           VARCHAR(10)  NOT NULL,
    endpoint         VARCHAR(500) NOT NULL,
    status           INTEGER      NOT NULL
);
CREATE INDEX access_log_service_user ON access_log (service_user_id, accessed_at);
CREATE INDEX access_log_time ON access_log (accessed_at);

-- Seals and the access log are append-only too, for every role.
CREATE TRIGGER event_seal_append_only
    BEFORE UPDATE OR DELETE ON event_seal
    FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change();
CREATE TRIGGER event_seal_no_truncate
    BEFORE TRUNCATE ON event_seal
    FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change();
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON access_log
    FOR EACH ROW EXECUTE FUNCTION pathway_refuse_change();
CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_log
    FOR EACH STATEMENT EXECUTE FUNCTION pathway_refuse_change();

-- Where the installation runs the application under its own non-owner role, grant it only what it needs.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pathway_app') THEN
        REVOKE UPDATE, DELETE, TRUNCATE ON domain_event_entry, event_seal, access_log FROM pathway_app;
        GRANT SELECT, INSERT ON domain_event_entry, event_seal, access_log TO pathway_app;
    END IF;
END
$$;
