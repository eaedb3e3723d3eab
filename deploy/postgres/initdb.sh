#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume
# (docker-entrypoint-initdb.d). Creates:
#   role salesflow  + database salesflow              (the app)
#   role temporal   + databases temporal, temporal_visibility (Temporal)
# temporalio/auto-setup would create the temporal databases itself, but it
# skips the one named like its user (`temporal`), so create both here; its
# own CREATE DATABASE is a no-op on an existing database. CREATEDB lets it
# manage them regardless.
# Passwords come from the container environment (see docker-compose.yml);
# psql's :'var' quoting keeps them out of the SQL text.
set -euo pipefail

: "${SALESFLOW_DB_PASSWORD:?set SALESFLOW_DB_PASSWORD}"
: "${TEMPORAL_DB_PASSWORD:?set TEMPORAL_DB_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
	-v app_password="$SALESFLOW_DB_PASSWORD" \
	-v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE salesflow LOGIN PASSWORD :'app_password';
CREATE DATABASE salesflow OWNER salesflow;

CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
SQL
