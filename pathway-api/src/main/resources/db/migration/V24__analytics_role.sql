-- The analysts' PostgreSQL role and what the analytics views (R__analytics_views.sql, docs/analytics.md) need
-- beside the read models. The role has no login: an installer grants it to the analysts' own login roles
-- (CREATE ROLE jo LOGIN PASSWORD '…' IN ROLE pathway_analyst). Creating it needs CREATEROLE; where Pathway's
-- database user has not got that, the installer creates the role before the first start.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pathway_analyst') THEN
        CREATE ROLE pathway_analyst NOLOGIN;
    END IF;
END
$$;

-- Keyed pseudonyms (HMAC-SHA256 under the pseudonym key, the same as the API gives analysts) of the ids the
-- views show, written by the application (AnalyticsPseudonyms): the key never enters the database. The views
-- read this table as their owner; the analysts' role cannot read it.
CREATE TABLE analytics_pseudonym (
    id         UUID  PRIMARY KEY,
    pseudonym  TEXT  NOT NULL
);

-- The code lists Pathway checks against, with their labels, effective-dated (valid_from '-infinity' when not
-- stated; valid_to exclusive), written by the application at start-up from its bundled lists. Readable by the
-- analysts' role.
CREATE TABLE analytics_code (
    code_list   TEXT  NOT NULL,
    code        TEXT  NOT NULL,
    label       TEXT  NOT NULL,
    valid_from  DATE  NOT NULL,
    valid_to    DATE,
    code_group  TEXT,
    PRIMARY KEY (code_list, code, valid_from)
);
GRANT SELECT ON analytics_code TO pathway_analyst;
