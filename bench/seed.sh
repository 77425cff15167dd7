#!/usr/bin/env bash
# Adds benchmark data to a Complaint Desk SQLite file the server has already created and
# seeded (it may be running: WAL, and sqlite3 waits for the write lock).
#
#   bench/seed.sh DB [LIST_TOTAL] [WITHDRAWABLE]
#
# - demo-shopper gets more complaints, one per new order, until it has LIST_TOTAL (default
#   100): statuses pending/processing/arbitration/resolved/closed in turn, filed every 37
#   minutes back from now (so the newest 20, the first page, mix open countdowns and
#   refusals). With 9 seeded, the list's first page is full (20 rows).
# - a new verified demo shopper `bench-withdraw` gets WITHDRAWABLE (default 0) pending
#   complaints filed 1–2 minutes ago, one per order: each can be withdrawn once, at
#   expected_version 1.
# Each complaint gets its `filed` timeline event, copied from one the server wrote, and a
# number in the server's format (TS + China date + id).
#
# Prints "first_id=…", "last_id=…" and "count=…" of the withdrawable complaints.
set -euo pipefail

db="${1:?usage: bench/seed.sh DB [LIST_TOTAL] [WITHDRAWABLE]}"
list_total="${2:-100}"
withdrawable="${3:-0}"
[[ "$list_total" =~ ^[0-9]+$ && "$withdrawable" =~ ^[0-9]+$ ]] || { echo "numbers only" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 1; }
now_ms="$(date +%s%3N)"

sqlite3 -bail "$db" <<SQL
.timeout 30000
BEGIN IMMEDIATE;

CREATE TEMP TABLE titles (i INTEGER PRIMARY KEY, title TEXT, shop TEXT);
INSERT INTO titles VALUES
  (0, '无线降噪蓝牙耳机 Pro 2 星空黑', '声悦数码旗舰店'),
  (1, '纯棉四件套 1.8m 床 简约条纹', '棉眠家纺专营店'),
  (2, '智能电饭煲 4L 家用多功能', '厨易电器官方店'),
  (3, '儿童护眼台灯 LED 无频闪', '明亮家居旗舰店'),
  (4, '运动跑鞋 男款 轻量缓震 42码', '疾风运动专营店'),
  (5, '有机绿茶 明前龙井 250g 礼盒', '西湖茶社'),
  (6, '机械键盘 87键 茶轴 白色背光', '键客外设旗舰店');
CREATE TEMP TABLE statuses (i INTEGER PRIMARY KEY, status TEXT);
INSERT INTO statuses VALUES (0, 'pending'), (1, 'processing'), (2, 'arbitration'),
  (3, 'resolved'), (4, 'closed');
CREATE TEMP TABLE kinds (i INTEGER PRIMARY KEY, kind TEXT);
INSERT INTO kinds VALUES (0, 'not_as_described'), (1, 'logistics'), (2, 'service'),
  (3, 'quality'), (4, 'other');
-- One filed event as the server writes it (JSON of TimelineEventKind::Filed).
CREATE TEMP TABLE filed_event AS
  SELECT kind, event FROM timeline_events WHERE kind = 'filed' ORDER BY id LIMIT 1;
SELECT CASE WHEN (SELECT count(*) FROM filed_event) = 1 THEN 1
            ELSE json('no filed event in the seed: start the server on this file first') END;

-- A batch of new complaints: (owner, order number, title, shop, kind, status, filed_at).
CREATE TEMP TABLE batch (k INTEGER PRIMARY KEY, owner_id INTEGER, order_number TEXT,
  title TEXT, shop TEXT, kind TEXT, status TEXT, filed_at INTEGER);

-- demo-shopper, up to LIST_TOTAL complaints.
INSERT INTO batch (owner_id, order_number, title, shop, kind, status, filed_at)
WITH RECURSIVE n(k) AS (
  SELECT 1 WHERE ${list_total} > (SELECT count(*) FROM complaints c JOIN users u
                                  ON u.id = c.owner_id WHERE u.username = 'demo-shopper')
  UNION ALL SELECT k + 1 FROM n
  WHERE k < ${list_total} - (SELECT count(*) FROM complaints c JOIN users u
                             ON u.id = c.owner_id WHERE u.username = 'demo-shopper'))
SELECT (SELECT id FROM users WHERE username = 'demo-shopper'),
       printf('7%015d', ${now_ms} % 100000000 * 10000 + k),
       t.title, t.shop, kd.kind, s.status,
       ${now_ms} - k * 37 * 60000 - 30000
FROM n JOIN titles t ON t.i = k % 7 JOIN statuses s ON s.i = k % 5 JOIN kinds kd ON kd.i = k % 5;

-- bench-withdraw: WITHDRAWABLE pending complaints inside the 24 h window.
INSERT INTO users (username, display_name, role, real_name, demo, created_at)
SELECT 'bench-withdraw', '压测用户', 'shopper', 'verified', 1, ${now_ms}
WHERE ${withdrawable} > 0 AND NOT EXISTS (SELECT 1 FROM users WHERE username = 'bench-withdraw');
INSERT INTO batch (owner_id, order_number, title, shop, kind, status, filed_at)
WITH RECURSIVE n(k) AS (SELECT 1 WHERE ${withdrawable} > 0
                        UNION ALL SELECT k + 1 FROM n WHERE k < ${withdrawable})
SELECT (SELECT id FROM users WHERE username = 'bench-withdraw'),
       printf('8%015d', ${now_ms} % 100000000 * 10000 + k),
       t.title, t.shop, 'logistics', 'pending', ${now_ms} - 60000 - k
FROM n JOIN titles t ON t.i = k % 7;

INSERT INTO orders (number, title, shop, amount_fen, placed_at, owner_id)
SELECT order_number, title, shop, 1990 + k % 50 * 1000, filed_at - 3 * 86400000, owner_id
FROM batch ORDER BY k;

CREATE TEMP TABLE first_new AS SELECT coalesce(max(id), 0) + 1 AS id FROM complaints;
INSERT INTO complaints (number, order_id, owner_id, kind, description, status, filed_at,
                        version, updated_at)
SELECT 'bench-' || b.k, o.id, b.owner_id, b.kind,
       '压测数据：' || b.title || '，收到的商品与描述不符，联系商家未果。', b.status,
       b.filed_at, 1, b.filed_at
FROM batch b JOIN orders o ON o.number = b.order_number ORDER BY b.k;
UPDATE complaints
SET number = 'TS' || strftime('%Y%m%d', filed_at / 1000, 'unixepoch', '+8 hours')
             || printf('%06d', id)
WHERE id >= (SELECT id FROM first_new);
INSERT INTO timeline_events (complaint_id, at, actor_id, kind, event)
SELECT c.id, c.filed_at, c.owner_id, f.kind, f.event
FROM complaints c, filed_event f
WHERE c.id >= (SELECT id FROM first_new) ORDER BY c.id;

COMMIT;

SELECT 'first_id=' || coalesce(min(c.id), 0) || char(10) || 'last_id=' || coalesce(max(c.id), 0)
       || char(10) || 'count=' || count(*)
FROM complaints c JOIN users u ON u.id = c.owner_id
WHERE u.username = 'bench-withdraw' AND c.status = 'pending' AND c.version = 1;
SQL
