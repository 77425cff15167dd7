"""Schemathesis checks of the Complaint Desk API, loaded by run_schemathesis
(crates/server/scripts/hardening-lib.sh) through SCHEMATHESIS_HOOKS.

schema_valid_requests_pass_validation is the exact form of schemathesis's "schema validation
mismatch" warning (which crates/server/schemathesis.toml turns off): that warning counts every
400/422 answer to a schema-valid request as a validation error, but this API also answers 422
for what no schema can know — the complaint's state (window_expired, finished,
complaint_already_open, assistance_already_requested, invalid_transition, …) and a reused
idempotency key. Its error codes tell the two apart, so this check fails the run on the first
schema-valid request refused as invalid, and lets the refusals by state pass.
"""

import re

import schemathesis

# The codes that say the request itself is malformed or a text breaks the rules' limits:
# `invalid_request` and the texts' `*_too_short`, `*_too_long`, `*_invalid_character`.
VALIDATION_CODES = re.compile(r"invalid_request|[a-z_]+_(?:too_short|too_long|invalid_character)")

# Query parameters that exclude each other. OpenAPI cannot say so (each parameter has a schema
# of its own); their descriptions do, and the server answers 400: such a request is not one the
# document allows.
EXCLUSIVE_QUERY_PARAMETERS = [("status", "group")]


@schemathesis.check
def schema_valid_requests_pass_validation(ctx, response, case):
    """A request the OpenAPI document allows is never refused as invalid."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    if response.status_code not in (400, 422):
        return None
    query = case.query or {}
    if any(all(name in query for name in names) for names in EXCLUSIVE_QUERY_PARAMETERS):
        return None
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        raise AssertionError(f"a {response.status_code} without an error body") from None
    code = error.get("code", "")
    if VALIDATION_CODES.fullmatch(code):
        raise AssertionError(
            f"the document allows this request, the server refuses it as `{code}`: "
            f"{error.get('message', '')}"
        )
    return None
