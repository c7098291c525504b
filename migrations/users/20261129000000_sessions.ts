import type { Knex } from 'knex';

// Every sign-in is a session: the refresh-token family it starts, with where it came from and
// when it was last used. Access tokens name their session (`sid`), so revoking the session
// ends them too. Families that exist already become sessions.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table users.sessions (
      id uuid primary key,
      user_id uuid not null references users.users (id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      expires_at timestamptz not null,
      client_address text check (length(client_address) <= 100),
      user_agent text check (length(user_agent) <= 512),
      revoked_at timestamptz,
      revoked_reason text
    )`);
  await knex.raw(`
    insert into users.sessions (id, user_id, created_at, expires_at, revoked_at)
    select family_id, (array_agg(user_id))[1], min(created_at), max(expires_at),
           case when bool_and(revoked_at is not null) then max(revoked_at) end
      from users.refresh_tokens group by family_id`);
  await knex.raw('alter table users.refresh_tokens add constraint refresh_tokens_session foreign key (family_id) references users.sessions (id)');
  await knex.raw('create index sessions_user on users.sessions (user_id)');
  await knex.raw('create index sessions_revoked_at on users.sessions (revoked_at) where revoked_at is not null');
  // Published, read-only: every service's revocation cache follows this view (lib/revocations.ts).
  await knex.raw('create view users.revoked_sessions as select id, revoked_at from users.sessions where revoked_at is not null');
}

export async function down(): Promise<void> {
  throw new Error('Migrations only move forward');
}
