#!/usr/bin/env bash
# A throwaway PostgreSQL server for ctorm's tests, on a unix socket, no TCP:
#   server.sh start STATE   initdb into a new directory, start, write STATE/conninfo
#   server.sh stop STATE    stop it and remove its directory
#   server.sh createdb STATE NAME
#                           drop and create the database NAME; print its postgresql:// URL
# The server runs as the `postgres` user when this runs as root (PostgreSQL refuses root).
set -euo pipefail
cmd=${1:?usage: server.sh start|stop STATE}
state=${2:?usage: server.sh start|stop STATE}

bindir=""
for dir in "${CTORM_PG_BINDIR:-}" "$(pg_config --bindir 2>/dev/null || true)" \
           $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then bindir=$dir; break; fi
done
as_server=()
if [ "$(id -u)" -eq 0 ]; then as_server=(runuser -u postgres --); fi

stop() {
  [ -f "$state/server_dir" ] || return 0
  local dir
  dir=$(cat "$state/server_dir")
  if [ -n "$bindir" ] && [ -d "$dir/data" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/server_dir" "$state/conninfo"
}

case $cmd in
start)
  if [ -z "$bindir" ]; then
    echo "ctorm: the PostgreSQL tests start their own server and need its programs (initdb, pg_ctl):" \
         "install them (Debian: apt-get install postgresql) or set CTORM_PG_BINDIR" >&2
    exit 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "ctorm: running as root, the test server needs the user 'postgres' (Debian's postgresql package makes it)" >&2
    exit 1
  fi
  mkdir -p "$state"
  stop
  # A short path: a unix socket's path is limited to 107 bytes, and a build tree may be deep.
  dir=$(mktemp -d /tmp/ctorm-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
  echo "$dir" > "$state/server_dir"
  if ! "${as_server[@]}" "$bindir/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C --no-sync \
       >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    stop
    exit 1
  fi
  # Durability is not what these tests check: fsync off makes each one quick.
  if ! "${as_server[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
       -o "-k $dir -p 5432 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
       start >/dev/null; then
    cat "$dir/server.log" >&2
    stop
    exit 1
  fi
  echo "host=$dir port=5432 user=postgres dbname=postgres" > "$state/conninfo"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $dir"
  ;;
stop) stop ;;
createdb)
  name=${3:?usage: server.sh createdb STATE NAME}
  dir=$(cat "$state/server_dir")
  "$bindir/dropdb" -h "$dir" -p 5432 -U postgres --if-exists "$name"
  "$bindir/createdb" -h "$dir" -p 5432 -U postgres "$name"
  echo "postgresql:///$name?host=$dir&port=5432&user=postgres"
  ;;
*) echo "usage: server.sh start|stop|createdb STATE [NAME]" >&2; exit 2 ;;
esac
