#!/usr/bin/env bash
# The production install, as an operator makes it, answers: `npm run build` here, then the
# repository's tracked files and the built pages copied to a temporary folder, `npm ci
# --omit=dev` there, and the whole system started with NODE_ENV=production on a fresh database
# of a real PostgreSQL server. It must answer a GraphQL query, refuse a wrong sign-in with
# UNAUTHENTICATED, serve /dashboard and its script, serve no playground, then stop on SIGTERM.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres scripts/production-check.sh
#
# DATABASE_URL names a server and a database to connect to for CREATE DATABASE; the check
# makes a database of its own there and drops it at the end. Ports are free ones, picked here.
# KEEP_WORK=1 keeps the temporary folder (its server.log too) for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ADMIN_URL=${DATABASE_URL:?set DATABASE_URL to a PostgreSQL server (the check creates and drops its own database)}
started=$SECONDS

WORK=$(mktemp -d /tmp/campus-production.XXXXXX)
DB_NAME="campus_production_check_$$"
SERVER_PID=
# node with the full checkout's packages (pg), for the database and the port picking.
node_here() { NODE_PATH="$ROOT/node_modules" node -e "$@"; }
sql() { node_here "const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1] });
  c.connect().then(() => c.query(process.argv[2])).finally(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });" "$ADMIN_URL" "$1"; }
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill -KILL -- "-$SERVER_PID" 2>/dev/null || true; fi
  sql "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" || true
  if [ -n "${KEEP_WORK:-}" ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
  echo "== $((SECONDS - started)) s in all, cleaning up included"
}
trap cleanup EXIT

echo "== npm run build (in the full checkout)"
npm run build --silent

echo "== the tracked files and dist/web/ to $WORK"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$WORK"
else # an exported tree: everything but what installs, builds and runs leave behind
  tar --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./.data --exclude=./.git -cf - . | tar -xf - -C "$WORK"
fi
mkdir -p "$WORK/dist"
cp -R dist/web "$WORK/dist/web"

echo "== npm ci --omit=dev"
(cd "$WORK" && npm ci --omit=dev --no-audit --no-fund --loglevel=error)
# (esbuild stays installed: tsx, which runs the TypeScript, needs it. The gateway never loads it.)
for dev_only in react react-dom graphiql @graphiql/toolkit jest typescript @graphql-codegen/cli; do
  if [ -e "$WORK/node_modules/$dev_only" ]; then echo "a development package was installed: $dev_only" >&2; exit 1; fi
done

echo "== NODE_ENV=production npm start, on a fresh database"
sql "CREATE DATABASE $DB_NAME"
DB_URL=$(node_here "const u = new URL(process.argv[1]); u.pathname = '/' + process.argv[2]; console.log(u.href)" "$ADMIN_URL" "$DB_NAME")
# Six free loopback ports: the gateway and five subgraphs.
read -r GATEWAY_PORT USERS_PORT BOOKING_PORT GPA_PORT NOTIFICATIONS_PORT MAINTENANCE_PORT < <(node_here "
  const net = require('node:net');
  Promise.all(Array.from({ length: 6 }, () => new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => resolve(s)); })))
    .then((servers) => { console.log(servers.map((s) => s.address().port).join(' ')); servers.forEach((s) => s.close()); });")
(
  cd "$WORK"
  export NODE_ENV=production JWT_SECRET="production-check-$RANDOM-$RANDOM-$RANDOM" DATABASE_URL="$DB_URL" HOST=127.0.0.1 LOG_LEVEL=warn
  export GATEWAY_PORT USERS_PORT BOOKING_PORT GPA_PORT NOTIFICATIONS_PORT MAINTENANCE_PORT
  exec setsid npm start --silent
) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

GATEWAY="http://127.0.0.1:$GATEWAY_PORT"
if ! node_here "
  const deadline = Date.now() + 90_000;
  (async () => {
    while (Date.now() < deadline) {
      try { if ((await fetch(process.argv[1] + '/health')).ok) return; } catch {}
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error('not healthy within 90 s');
  })().catch((e) => { console.error(e.message); process.exit(1); });" "$GATEWAY"; then
  cat "$WORK/server.log" >&2
  exit 1
fi
echo "   healthy after $((SECONDS - started)) s from the start of the check"

echo "== it answers"
node_here "
  const gateway = process.argv[1];
  const expect = (what, ok) => { if (!ok) { console.error('FAILED: ' + what); process.exit(1); } console.log('   ok: ' + what); };
  const post = async (query) => (await fetch(gateway + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
  (async () => {
    const typename = await post('{ __typename }');
    expect('{ __typename } is Query', typename.data?.__typename === 'Query');
    const login = await post('mutation { login(email: \"admin@example.com\", password: \"admin123\") { accessToken } }');
    expect('a wrong sign-in (no demo users) is UNAUTHENTICATED', login.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED');
    const introspection = await post('{ __schema { types { name } } }');
    expect('no introspection', introspection.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED');
    const page = await fetch(gateway + '/dashboard');
    const html = await page.text();
    expect('GET /dashboard is 200 with HTML', page.status === 200 && /^text\/html/.test(page.headers.get('content-type') ?? '') && html.includes('<html'));
    const script = html.match(/src=\"(\/assets\/dashboard\/[^\"]+\.js)\"/)?.[1];
    const asset = script && (await fetch(gateway + script));
    expect('the dashboard script ' + script + ' is served', asset?.status === 200);
    const playground = await fetch(gateway + '/graphql', { headers: { accept: 'text/html' } });
    expect('no playground', !/<html/i.test(await playground.text()));
  })().catch((e) => { console.error(e); process.exit(1); });" "$GATEWAY" || { cat "$WORK/server.log" >&2; exit 1; }

echo "== SIGTERM stops it"
kill -TERM -- "-$SERVER_PID"
for _ in $(seq 1 100); do kill -0 -- "-$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 -- "-$SERVER_PID" 2>/dev/null; then echo "still running 10 s after SIGTERM" >&2; cat "$WORK/server.log" >&2; exit 1; fi
SERVER_PID=
echo "== production check passed in $((SECONDS - started)) s"
