//! Evidence pictures: stored as the server re-encoded them (a BLOB on SQLite, a BYTEA on
//! PostgreSQL) with their thumbnails, owned by their uploader until a message carries them.

use complaint_api::{ImageFormat, ImageId, ImageView, MessageId};
use complaint_rules::{UserId, UtcMillis};
use sqlx::QueryBuilder;

use super::{parse, Conn, DbRow};

pub struct NewImage<'a> {
    pub uploader: UserId,
    pub at: UtcMillis,
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub data: &'a [u8],
    pub thumb: &'a [u8],
}

/// Stores a picture, not yet attached to a message.
pub async fn insert_image(conn: &mut Conn<'_>, image: &NewImage<'_>) -> anyhow::Result<ImageView> {
    let sql = "INSERT INTO images (uploader_id, uploaded_at, format, width, height, bytes, thumb,
                                   data)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    let bytes = u32::try_from(image.data.len())?;
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(image.uploader.0)
        .bind(image.at.0)
        .bind(image.format.code())
        .bind(i64::from(image.width))
        .bind(i64::from(image.height))
        .bind(i64::from(bytes))
        .bind(image.thumb)
        .bind(image.data)
        .fetch_one(&mut **c)
        .await?);
    Ok(ImageView {
        id: ImageId(id),
        format: image.format,
        width: image.width,
        height: image.height,
        bytes,
    })
}

const VIEW_COLUMNS: &str = "i.id, i.format, i.width, i.height, i.bytes";

fn view_from_row(row: &impl DbRow) -> anyhow::Result<ImageView> {
    Ok(ImageView {
        id: ImageId(row.int("id")?),
        format: parse(&row.text("format")?)?,
        width: u32::try_from(row.int("width")?)?,
        height: u32::try_from(row.int("height")?)?,
        bytes: u32::try_from(row.int("bytes")?)?,
    })
}

/// Whether every one of `ids` is an upload of `uploader` that no message carries yet (and
/// none is listed twice).
pub async fn all_unattached(
    conn: &mut Conn<'_>,
    uploader: UserId,
    ids: &[ImageId],
) -> anyhow::Result<bool> {
    if ids.is_empty() {
        return Ok(true);
    }
    let mut distinct: Vec<i64> = ids.iter().map(|id| id.0).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() != ids.len() {
        return Ok(false);
    }
    let count: i64 = on!(conn, |c| {
        let mut query = QueryBuilder::new("SELECT COUNT(*) FROM images WHERE uploader_id = ");
        query
            .push_bind(uploader.0)
            .push(" AND message_id IS NULL AND id IN (");
        let mut list = query.separated(", ");
        for id in &distinct {
            list.push_bind(*id);
        }
        query.push(")");
        query.build_query_scalar().fetch_one(&mut **c).await?
    });
    Ok(usize::try_from(count)? == ids.len())
}

/// Attaches `ids`, in their order, to `message`. Each must still be an unattached upload of
/// `uploader` ([`all_unattached`], checked in the same transaction).
pub async fn attach_images(
    conn: &mut Conn<'_>,
    message: MessageId,
    uploader: UserId,
    ids: &[ImageId],
) -> anyhow::Result<()> {
    let sql = "UPDATE images SET message_id = $1, position = $2
               WHERE id = $3 AND uploader_id = $4 AND message_id IS NULL";
    for (position, id) in ids.iter().enumerate() {
        let done = on!(conn, |c| sqlx::query(sql)
            .bind(message.0)
            .bind(i64::try_from(position)?)
            .bind(id.0)
            .bind(uploader.0)
            .execute(&mut **c)
            .await?
            .rows_affected());
        anyhow::ensure!(
            done == 1,
            "image {id} was not attachable to message {message}"
        );
    }
    Ok(())
}

/// The pictures of `messages`, each with its message, in their order on it.
pub async fn images_of(
    conn: &mut Conn<'_>,
    messages: &[MessageId],
) -> anyhow::Result<Vec<(MessageId, ImageView)>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    on!(conn, |c| {
        let mut query = QueryBuilder::new(format!(
            "SELECT i.message_id, {VIEW_COLUMNS} FROM images i WHERE i.message_id IN ("
        ));
        let mut list = query.separated(", ");
        for id in messages {
            list.push_bind(id.0);
        }
        query.push(") ORDER BY i.message_id, i.position");
        let rows = query.build().fetch_all(&mut **c).await?;
        rows.iter()
            .map(|row| Ok((MessageId(row.int("message_id")?), view_from_row(row)?)))
            .collect()
    })
}

/// A stored picture (or its thumbnail) and who may see it.
pub struct StoredImage {
    pub view: ImageView,
    pub uploader: UserId,
    /// The owner of the complaint whose message carries it; none while unattached.
    pub complaint_owner: Option<UserId>,
    pub bytes: Vec<u8>,
}

/// The picture `id` (`thumb`: its thumbnail), with who may see it.
pub async fn stored_image(
    conn: &mut Conn<'_>,
    id: ImageId,
    thumb: bool,
) -> anyhow::Result<Option<StoredImage>> {
    // A choice between two constant column names.
    let column = if thumb { "i.thumb" } else { "i.data" };
    let sql = format!(
        "SELECT {VIEW_COLUMNS}, i.uploader_id, c.owner_id, {column} AS content FROM images i
         LEFT JOIN messages m ON m.id = i.message_id
         LEFT JOIN complaints c ON c.id = m.complaint_id
         WHERE i.id = $1"
    );
    on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(StoredImage {
            view: view_from_row(&row)?,
            uploader: UserId(row.int("uploader_id")?),
            complaint_owner: row.opt_int("owner_id")?.map(UserId),
            bytes: row.bytes("content")?,
        }))
    })
}
