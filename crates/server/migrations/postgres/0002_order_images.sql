-- The product picture of an order (complaint_api::OrderView::image), as
-- migrations/sqlite/0002_order_images.sql: an absolute URL, or one relative to the app's base
-- (`products/kettle.svg`). NULL: no picture. Keep them in step.
ALTER TABLE orders ADD COLUMN image TEXT CHECK (image <> '');
