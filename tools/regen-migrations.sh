#!/usr/bin/env bash
# Until the first release, the schema is one "Initial" migration per provider, regenerated from the
# model whenever feature branches merge (their own migrations are dropped). After a release, stop
# using this and add migrations normally.
set -euo pipefail
cd "$(dirname "$0")/../src/Contest.Engine"
dotnet tool restore >/dev/null
rm -rf Storage/Migrations/Sqlite Storage/Migrations/Postgres
dotnet build -nologo -v q -clp:ErrorsOnly
dotnet ef migrations add Initial --no-build --context SqliteContestDb -o Storage/Migrations/Sqlite
dotnet ef migrations add Initial --no-build --context PostgresContestDb -o Storage/Migrations/Postgres
