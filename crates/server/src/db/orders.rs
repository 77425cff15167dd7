//! Orders (已买到的宝贝), each with its complaints.

use complaint_api::{ComplaintBrief, ComplaintId, OrderId, OrderView};
use complaint_rules::{ComplaintStatus, UserId, UtcMillis};

use super::{parse, Conn, DbRow};

const ORDER_COLUMNS: &str = "id, number, title, shop, amount_fen, image, placed_at, owner_id";

fn order_from_row(row: &impl DbRow) -> anyhow::Result<OrderView> {
    Ok(OrderView {
        id: OrderId(row.int("id")?),
        number: row.text("number")?,
        title: row.text("title")?,
        shop: row.text("shop")?,
        amount_fen: row.int("amount_fen")?,
        image: row.opt_text("image")?,
        placed_at: UtcMillis(row.int("placed_at")?),
        owner: UserId(row.int("owner_id")?),
        complaints: Vec::new(),
    })
}

fn brief_from_row(row: &impl DbRow) -> anyhow::Result<(OrderId, ComplaintBrief)> {
    Ok((
        OrderId(row.int("order_id")?),
        ComplaintBrief {
            id: ComplaintId(row.int("id")?),
            number: row.text("number")?,
            status: parse::<ComplaintStatus>(&row.text("status")?)?,
        },
    ))
}

/// The user's orders, newest first, each with its complaints, newest first.
pub async fn orders_of(conn: &mut Conn<'_>, owner: UserId) -> anyhow::Result<Vec<OrderView>> {
    let sql = format!(
        "SELECT {ORDER_COLUMNS} FROM orders WHERE owner_id = $1 ORDER BY placed_at DESC, id DESC"
    );
    let mut orders: Vec<OrderView> = on!(conn, |c| {
        let rows = sqlx::query(&sql).bind(owner.0).fetch_all(&mut **c).await?;
        rows.iter()
            .map(order_from_row)
            .collect::<anyhow::Result<_>>()?
    });
    for (order_id, brief) in briefs(conn, "owner_id", owner.0).await? {
        if let Some(order) = orders.iter_mut().find(|order| order.id == order_id) {
            order.complaints.push(brief);
        }
    }
    Ok(orders)
}

/// One order with its complaints, newest first.
pub async fn order(conn: &mut Conn<'_>, id: OrderId) -> anyhow::Result<Option<OrderView>> {
    let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE id = $1");
    let order: Option<OrderView> = on!(conn, |c| {
        let row = sqlx::query(&sql)
            .bind(id.0)
            .fetch_optional(&mut **c)
            .await?;
        row.as_ref().map(order_from_row).transpose()?
    });
    let Some(mut order) = order else {
        return Ok(None);
    };
    let briefs = briefs(conn, "order_id", id.0).await?;
    order
        .complaints
        .extend(briefs.into_iter().map(|(_, brief)| brief));
    Ok(Some(order))
}

/// The complaints whose `column` (`owner_id` or `order_id`) is `id`, newest first, each with
/// its order.
async fn briefs(
    conn: &mut Conn<'_>,
    column: &str,
    id: i64,
) -> anyhow::Result<Vec<(OrderId, ComplaintBrief)>> {
    let sql = format!(
        "SELECT id, number, status, order_id FROM complaints WHERE {column} = $1
         ORDER BY filed_at DESC, id DESC"
    );
    on!(conn, |c| {
        let rows = sqlx::query(&sql).bind(id).fetch_all(&mut **c).await?;
        rows.iter().map(brief_from_row).collect()
    })
}

pub struct NewOrder<'a> {
    pub number: &'a str,
    pub title: &'a str,
    pub shop: &'a str,
    pub amount_fen: i64,
    /// The product picture ([`OrderView::image`]).
    pub image: Option<&'a str>,
    pub placed_at: UtcMillis,
    pub owner: UserId,
}

pub async fn insert_order(conn: &mut Conn<'_>, order: &NewOrder<'_>) -> anyhow::Result<OrderId> {
    let sql = "INSERT INTO orders (number, title, shop, amount_fen, image, placed_at, owner_id)
               VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    let id: i64 = on!(conn, |c| sqlx::query_scalar(sql)
        .bind(order.number)
        .bind(order.title)
        .bind(order.shop)
        .bind(order.amount_fen)
        .bind(order.image)
        .bind(order.placed_at.0)
        .bind(order.owner.0)
        .fetch_one(&mut **c)
        .await?);
    Ok(OrderId(id))
}
