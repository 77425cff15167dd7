-- One word for the owner's act (issue 26): a complaint is `withdrawn` (it was `revoked`), its
-- record lives in `withdrawals` (was `revocations`, with `revoked_at`), its timeline event is
-- of type `withdrawn`. Sessions keep their `revoked` flag: a session is revoked, a complaint
-- is withdrawn. As migrations/sqlite/0005_one_word_withdraw.sql: keep them in step.

ALTER TABLE complaints DROP CONSTRAINT complaints_status_check;
UPDATE complaints SET status = 'withdrawn' WHERE status = 'revoked';
ALTER TABLE complaints ADD CONSTRAINT complaints_status_check
    CHECK (status IN ('pending', 'processing', 'arbitration', 'resolved', 'closed', 'withdrawn'));

UPDATE timeline_events
   SET kind = 'withdrawn', event = jsonb_set(event::jsonb, '{type}', '"withdrawn"')::text
 WHERE kind = 'revoked';

ALTER TABLE revocations RENAME TO withdrawals;
ALTER TABLE withdrawals RENAME COLUMN revoked_at TO withdrawn_at;
ALTER INDEX revocations_pkey RENAME TO withdrawals_pkey;
ALTER INDEX revocations_complaint_id_key RENAME TO withdrawals_complaint_id_key;
ALTER INDEX revocations_reference_key RENAME TO withdrawals_reference_key;

-- The answers kept for idempotency keys are compact JSON written by the server, in which a
-- key or a value between unescaped quotes is structure, never a user's text: these
-- replacements change exactly the renamed fields and codes. A withdrawal retried across this
-- upgrade with its old key is still refused as a reused key (its fingerprint named the old
-- path); the complaint is withdrawn, and the app shows it so.
UPDATE idempotency_records
   SET body = replace(replace(replace(replace(replace(body,
              '"status":"revoked"', '"status":"withdrawn"'),
              '"type":"revoked"', '"type":"withdrawn"'),
              '"code":"already_revoked"', '"code":"already_withdrawn"'),
              '"revocation":', '"withdrawal":'),
              '"revoked_at":', '"withdrawn_at":')
 WHERE body LIKE '%revo%';
