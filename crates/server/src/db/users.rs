//! Users and their sessions.

use complaint_api::UserView;
use complaint_rules::{UserId, UtcMillis};

use super::{parse, Conn, Db, DbRow};

const USER_COLUMNS: &str = "u.id, u.username, u.display_name, u.role, u.real_name";

fn user_from_row(row: &impl DbRow) -> anyhow::Result<UserView> {
    Ok(UserView {
        id: UserId(row.int("id")?),
        username: row.text("username")?,
        display_name: row.text("display_name")?,
        role: parse(&row.text("role")?)?,
        real_name: parse(&row.text("real_name")?)?,
    })
}

pub async fn user_count(conn: &mut Conn<'_>) -> anyhow::Result<i64> {
    let sql = "SELECT COUNT(*) FROM users";
    Ok(on!(conn, |c| sqlx::query_scalar(sql)
        .fetch_one(&mut **c)
        .await?))
}

pub async fn user_by_username(
    conn: &mut Conn<'_>,
    username: &str,
) -> anyhow::Result<Option<UserView>> {
    user_named(conn, username, false).await
}

/// The demo account `username`, if it is one.
pub async fn demo_user(conn: &mut Conn<'_>, username: &str) -> anyhow::Result<Option<UserView>> {
    user_named(conn, username, true).await
}

/// The user `username` (only a demo account, if `demo_only`).
async fn user_named(
    conn: &mut Conn<'_>,
    username: &str,
    demo_only: bool,
) -> anyhow::Result<Option<UserView>> {
    let demo = if demo_only { " AND u.demo = TRUE" } else { "" };
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = $1{demo}");
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(username)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    })
}

pub async fn demo_users(conn: &mut Conn<'_>) -> anyhow::Result<Vec<UserView>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.demo = TRUE ORDER BY u.id");
    on!(conn, |c| {
        let rows = sqlx::query(&sql).fetch_all(&mut **c).await?;
        rows.iter().map(user_from_row).collect()
    })
}

pub async fn insert_user(
    conn: &mut Conn<'_>,
    user: &UserView,
    demo: bool,
    now: UtcMillis,
) -> anyhow::Result<UserId> {
    let sql = "INSERT INTO users (username, display_name, role, real_name, demo, created_at)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(&user.username)
        .bind(&user.display_name)
        .bind(user.role.code())
        .bind(user.real_name.code())
        .bind(demo)
        .bind(now.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(UserId(id))
}

pub async fn insert_session(
    conn: &mut Conn<'_>,
    token_hash: &str,
    user: UserId,
    now: UtcMillis,
    expires_at: UtcMillis,
) -> anyhow::Result<()> {
    let sql = "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
               VALUES ($1, $2, $3, $4)";
    on!(conn, |c| sqlx::query(sql)
        .bind(token_hash)
        .bind(user.0)
        .bind(now.0)
        .bind(expires_at.0)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}

/// The user of a live session, and when it expires, from the database ([`Db::session_user`]
/// asks the cache first).
async fn find_session(
    conn: &mut Conn<'_>,
    token_hash: &str,
    now: UtcMillis,
) -> anyhow::Result<Option<(UserView, UtcMillis)>> {
    let sql = format!(
        "SELECT {USER_COLUMNS}, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.revoked = FALSE AND s.expires_at > $2"
    );
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(token_hash)
            .bind(now.0)
            .fetch_optional(&mut **c)
            .await?;
        match row {
            Some(row) => Ok(Some((
                user_from_row(&row)?,
                UtcMillis(row.int("expires_at")?),
            ))),
            None => Ok(None),
        }
    })
}

impl Db {
    /// The user of a live session, and when it expires: from the cache when it still holds
    /// (SQLite), else from the database.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: UtcMillis,
    ) -> anyhow::Result<Option<(UserView, UtcMillis)>> {
        let stamp = match self.cache.session(token_hash, now) {
            Ok(found) => return Ok(Some(found)),
            Err(stamp) => stamp,
        };
        let mut conn = self.read().await?;
        let found = find_session(&mut conn.conn(), token_hash, now).await?;
        if let (Some(stamp), Some((user, expires_at))) = (stamp, &found) {
            self.cache
                .store_session(stamp, token_hash, user, *expires_at);
        }
        Ok(found)
    }
}

pub async fn end_session(conn: &mut Conn<'_>, token_hash: &str) -> anyhow::Result<()> {
    let sql = "UPDATE sessions SET revoked = TRUE WHERE token_hash = $1";
    on!(conn, |c| sqlx::query(sql)
        .bind(token_hash)
        .execute(&mut **c)
        .await?
        .rows_affected());
    Ok(())
}
