-- The product picture of an order (complaint_api::OrderView::image): an absolute URL, or one
-- relative to the app's base (`products/kettle.svg`, the demo's pictures shipped in dist/).
-- NULL: no picture. Orders seeded before this migration have none (delete the database to
-- re-seed the demo with pictures).
ALTER TABLE orders ADD COLUMN image TEXT CHECK (image <> '');
