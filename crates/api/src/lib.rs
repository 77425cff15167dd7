//! The JSON the app and the server exchange. One definition, compiled into both, so a field
//! renamed on one side is a compile error on the other.
//!
//! Conventions: times are [`UtcMillis`]; every response carries the headers
//! [`SERVER_TIME_HEADER`] and [`POLICY_VERSION_HEADER`]; errors are [`ErrorBody`].

#![forbid(unsafe_code)]

use complaint_rules::{
    check_filing, check_revoke, in_self_service_window, window_open_since, Actor, AssistanceGround,
    Blocked, ComplaintFacts, ComplaintKind, ComplaintStatus, Eligible, ErrorCode, FilingBlocked,
    NextStep, PlatformMove, RealName, RevokeReason, Role, TextError, UserId, UtcMillis,
};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The server's clock when it answered, UTC milliseconds. The app keeps the offset.
pub const SERVER_TIME_HEADER: &str = "x-server-time";
/// The `POLICY_VERSION` the server enforces.
pub const POLICY_VERSION_HEADER: &str = "x-policy-version";
/// A client-chosen key that makes a mutation safe to retry.
pub const IDEMPOTENCY_KEY_HEADER: &str = "idempotency-key";
/// CSRF defence: every mutation must carry this header with [`CSRF_HEADER_VALUE`]. A
/// cross-site form cannot set a custom header, and a cross-site script needs CORS approval.
pub const CSRF_HEADER: &str = "x-complaint-desk";
pub const CSRF_HEADER_VALUE: &str = "1";

/// The version of a newly filed complaint; every change adds one.
pub const FIRST_VERSION: i64 = 1;

/// Integers as JSON has them: `3` and `3.0` are the same number (JSON does not tell them
/// apart, nor does JSON Schema's `integer`, which the API's document states), so either is
/// read as 3. A fraction, or a float beyond 2^53 (past which not every integer has a float of
/// its own, so the digits sent may not be the number read), is refused.
mod json_integer {
    use std::fmt;

    use serde::de::{Error, Unexpected, Visitor};
    use serde::Deserializer;

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
        deserializer.deserialize_i64(Integer)
    }

    struct Integer;

    impl Visitor<'_> for Integer {
        type Value = i64;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer")
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<i64, E> {
            Ok(value)
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<i64, E> {
            i64::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
        }

        fn visit_f64<E: Error>(self, value: f64) -> Result<i64, E> {
            const EXACT: f64 = 9_007_199_254_740_992.0;
            if value.fract() == 0.0 && value.abs() <= EXACT {
                Ok(value as i64)
            } else {
                Err(E::invalid_value(Unexpected::Float(value), &self))
            }
        }
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(transparent)]
        pub struct $name(#[serde(deserialize_with = "json_integer::deserialize")] pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(ComplaintId);
id_type!(OrderId);
id_type!(AssistanceId);
id_type!(PressureReportId);

// --- meta and session ------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Meta {
    pub server_time: UtcMillis,
    pub policy_version: u32,
    /// The seeded demo accounts one may sign in as; empty when demo sign-in is off.
    pub demo_accounts: Vec<UserView>,
    /// Who is signed in, when the request carries a live session: the app asks "who am I?"
    /// here, where "nobody" is an answer and not a refusal (`GET /api/session` answers 401).
    #[serde(default)]
    pub session: Option<SessionView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct UserView {
    pub id: UserId,
    /// The sign-in name (`demo-shopper`, …).
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub real_name: RealName,
}

impl UserView {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id,
            role: self.role,
            real_name: self.real_name,
        }
    }
}

/// How to sign in: as a seeded demo account, or with a token handed over by a host app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignIn {
    Demo { username: String },
    HostToken { token: String },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SessionView {
    pub user: UserView,
    pub expires_at: UtcMillis,
}

// --- complaints ------------------------------------------------------------------------------

/// The order a complaint is about, as a shopper recognises it: picture, title, shop, amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderBrief {
    pub id: OrderId,
    /// The order number the shopper knows (订单号).
    pub number: String,
    pub title: String,
    /// The shop it was bought from (店铺).
    pub shop: String,
    /// In fen (分), to avoid floating point.
    pub amount_fen: i64,
    /// The product picture; see [`OrderView::image`].
    pub image: Option<String>,
}

/// A complaint as listed. Carries the facts the rules need, so the app decides eligibility
/// itself on server-corrected time, live.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintSummary {
    pub id: ComplaintId,
    /// The complaint number the shopper knows (投诉编号).
    pub number: String,
    pub owner: UserId,
    pub order: OrderBrief,
    pub kind: ComplaintKind,
    pub status: ComplaintStatus,
    pub filed_at: UtcMillis,
    /// [`FIRST_VERSION`] when filed, bumped on every change; sent back as
    /// `expected_version`.
    pub version: i64,
    /// Whether an assistance request is waiting for an agent.
    pub assistance_pending: bool,
}

impl ComplaintSummary {
    pub fn facts(&self) -> ComplaintFacts {
        ComplaintFacts {
            owner: self.owner,
            status: self.status,
            filed_at: self.filed_at,
        }
    }
}

/// Self-service eligibility as the server computed it when it answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Eligibility {
    Eligible {
        deadline: UtcMillis,
    },
    Blocked {
        blocked: Blocked,
        next_step: NextStep,
    },
}

impl Eligibility {
    /// Runs the rules crate's `check_revoke`; the only way an `Eligibility` is made.
    pub fn evaluate(facts: &ComplaintFacts, actor: &Actor, now: UtcMillis) -> Self {
        match check_revoke(facts, actor, now) {
            Ok(Eligible { deadline }) => Eligibility::Eligible { deadline },
            Err(blocked) => Eligibility::Blocked {
                blocked,
                next_step: blocked.next_step(),
            },
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintDetail {
    #[serde(flatten)]
    pub summary: ComplaintSummary,
    pub description: String,
    pub timeline: Vec<TimelineEvent>,
    /// Present once withdrawn: the receipt.
    pub revocation: Option<Revocation>,
    pub assistance: Vec<AssistanceView>,
    /// The owner's reports of pressure by the seller, newest first.
    pub pressure_reports: Vec<PressureReportView>,
    pub eligibility: Eligibility,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum WithdrawnBy {
    Owner,
    /// An agent, on the owner's behalf, after an assistance request.
    AgentOnBehalf,
}

/// The record of a withdrawal, kept for ever; the receipt the user can print.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Revocation {
    /// The receipt reference (撤销编号).
    pub reference: String,
    pub revoked_at: UtcMillis,
    pub reason: RevokeReason,
    pub note: String,
    pub by: WithdrawnBy,
    /// The display name of the person who pressed the button.
    pub actor_name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct TimelineEvent {
    pub at: UtcMillis,
    /// Display name of who did it.
    pub actor_name: String,
    pub actor_role: Role,
    pub event: TimelineEventKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TimelineEventKind {
    Filed,
    StatusChanged {
        from: ComplaintStatus,
        to: ComplaintStatus,
    },
    Revoked {
        reason: RevokeReason,
        note: String,
        by: WithdrawnBy,
    },
    AssistanceRequested {
        ground: AssistanceGround,
    },
    AssistanceRejected {
        reason: String,
    },
    /// The owner reported that the seller demanded, induced or pressured a withdrawal.
    PressureReported,
    /// An agent handled the pressure report.
    PressureHandled,
}

/// A group of statuses the list can be filtered by (`?group=`): the tabs 全部 (no group) /
/// 可撤销 / 进行中 / 已结束. Which statuses belong to a group is the rules crate's answer
/// ([`ComplaintGroup::admits`]), never a list restated here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ComplaintGroup {
    /// Self-service window still open now: a status that may become `revoked` (pending,
    /// processing) and filed less than the policy's window ago (server clock). Real-name
    /// verification is NOT part of it (an unverified owner sees these too; the app tells them
    /// to verify).
    Withdrawable,
    /// Not terminal (pending, processing, arbitration).
    Open,
    /// Terminal (resolved, closed, revoked).
    Ended,
}

impl ComplaintGroup {
    pub const ALL: [ComplaintGroup; 3] = [
        ComplaintGroup::Withdrawable,
        ComplaintGroup::Open,
        ComplaintGroup::Ended,
    ];

    /// The stable wire code, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            ComplaintGroup::Withdrawable => "withdrawable",
            ComplaintGroup::Open => "open",
            ComplaintGroup::Ended => "ended",
        }
    }

    /// Whether a complaint in `status` can be in the group (`withdrawable`: if its window is
    /// open too, [`ComplaintGroup::filed_since`]).
    pub fn admits(self, status: ComplaintStatus) -> bool {
        match self {
            ComplaintGroup::Withdrawable => status.is_withdrawable(),
            ComplaintGroup::Open => status.is_open(),
            ComplaintGroup::Ended => status.is_terminal(),
        }
    }

    /// The statuses the group admits, in [`ComplaintStatus::ALL`] order.
    pub fn statuses(self) -> impl Iterator<Item = ComplaintStatus> {
        ComplaintStatus::ALL
            .into_iter()
            .filter(move |status| self.admits(*status))
    }

    /// `withdrawable`: the earliest `filed_at` in the group at `now`; the others do not
    /// depend on time (None).
    pub fn filed_since(self, now: UtcMillis) -> Option<UtcMillis> {
        match self {
            ComplaintGroup::Withdrawable => Some(window_open_since(now)),
            ComplaintGroup::Open | ComplaintGroup::Ended => None,
        }
    }

    /// Whether the complaint is in the group at `now`.
    pub fn contains(self, complaint: &ComplaintSummary, now: UtcMillis) -> bool {
        self.admits(complaint.status)
            && match self {
                ComplaintGroup::Withdrawable => in_self_service_window(complaint.filed_at, now),
                ComplaintGroup::Open | ComplaintGroup::Ended => true,
            }
    }
}

/// `GET /api/complaints?status=&group=&q=&cursor=&limit=`
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema, utoipa::IntoParams))]
pub struct ComplaintQuery {
    /// Only this status. Not together with `group` (400 `invalid_request`).
    pub status: Option<ComplaintStatus>,
    /// Only this group of statuses. Not together with `status`.
    pub group: Option<ComplaintGroup>,
    /// Matches the complaint number or the order number (substring).
    pub q: Option<String>,
    /// Opaque; from `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Page size, 1–100, default 20.
    pub limit: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StatusCount {
    pub status: ComplaintStatus,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintPage {
    pub items: Vec<ComplaintSummary>,
    pub next_cursor: Option<String>,
    /// Per status, for the tabs; counts ignore `status` and `group` but honour `q` (the app
    /// sums them for `open` and `ended`).
    pub counts: Vec<StatusCount>,
    /// How many complaints are in the `withdrawable` group now (server clock); like the
    /// counts, it ignores `status` and `group` and honours `q`.
    pub withdrawable: u32,
}

/// `POST /api/complaints/{id}/revocation` (with an `Idempotency-Key` header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevokeRequest {
    pub reason: RevokeReason,
    #[serde(default)]
    pub note: String,
    /// The complaint version the user saw; a mismatch is a 409 `conflict`.
    #[serde(deserialize_with = "json_integer::deserialize")]
    pub expected_version: i64,
}

/// The note's limits depend on the reason: a `oneOf` by reason (`schema::by_reason`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for RevokeRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        schema::by_reason(
            "`POST /api/complaints/{id}/revocation` (with an `Idempotency-Key` header).",
            &[("expected_version", schema::expected_version().into(), true)],
        )
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for RevokeRequest {}

/// `POST /api/complaints`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewComplaintRequest {
    pub order_id: OrderId,
    pub kind: ComplaintKind,
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::description))]
    pub description: String,
}

// --- assistance ------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AssistanceStatus {
    Pending,
    /// An agent withdrew the complaint on the owner's behalf.
    Approved,
    Rejected,
}

/// `POST /api/complaints/{id}/assistance`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssistanceRequest {
    pub ground: AssistanceGround,
    /// The reason and note the agent will record when withdrawing on the owner's behalf;
    /// validated exactly like a self-service withdrawal.
    pub reason: RevokeReason,
    #[serde(default)]
    pub note: String,
}

/// The note's limits depend on the reason: a `oneOf` by reason (`schema::by_reason`).
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for AssistanceRequest {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let ground = utoipa::openapi::Ref::from_schema_name(AssistanceGround::name());
        schema::by_reason(
            "`POST /api/complaints/{id}/assistance`: the reason and note are those the agent \
             will record when withdrawing on the owner's behalf, validated exactly like a \
             self-service withdrawal.",
            &[("ground", ground.into(), true)],
        )
    }
}

#[cfg(feature = "openapi")]
impl ToSchema for AssistanceRequest {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema as _;
        schemas.push((
            AssistanceGround::name().into_owned(),
            AssistanceGround::schema(),
        ));
        <AssistanceGround as ToSchema>::schemas(schemas);
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistanceView {
    pub id: AssistanceId,
    pub complaint_id: ComplaintId,
    pub status: AssistanceStatus,
    pub ground: AssistanceGround,
    pub reason: RevokeReason,
    pub note: String,
    pub requested_at: UtcMillis,
    pub decided_at: Option<UtcMillis>,
    pub rejection_reason: Option<String>,
}

/// One row of the agent's queue: the request and the complaint it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct AssistanceQueueItem {
    pub request: AssistanceView,
    pub complaint: ComplaintSummary,
    pub owner_name: String,
}

/// `POST /api/agent/assistance/{id}/reject`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectAssistance {
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::rejection_reason))]
    pub reason: String,
}

/// `POST /api/agent/complaints/{id}/transition`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    #[serde(rename = "move")]
    pub platform_move: PlatformMove,
    #[serde(deserialize_with = "json_integer::deserialize")]
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::expected_version))]
    pub expected_version: i64,
}

// --- pressure reports ------------------------------------------------------------------------

/// `POST /api/complaints/{id}/pressure-report`: the seller demanded, induced or pressured the
/// owner to withdraw the complaint (举报商家施压). While the complaint has an open report,
/// reporting again changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PressureReportRequest {
    /// What the seller said or did; optional, at most 200 characters (trimmed).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = schema::pressure_note))]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PressureReportStatus {
    /// Waiting for an agent.
    Open,
    /// An agent has handled it.
    Handled,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PressureReportView {
    pub id: PressureReportId,
    pub complaint_id: ComplaintId,
    pub status: PressureReportStatus,
    /// The owner's note, as stored (trimmed; may be empty).
    pub note: String,
    pub reported_at: UtcMillis,
    /// When an agent handled it; None while open.
    pub handled_at: Option<UtcMillis>,
}

/// One row of the agents' pressure queue: the report and the complaint it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PressureQueueItem {
    pub report: PressureReportView,
    pub complaint: ComplaintSummary,
    pub owner_name: String,
}

// --- orders ----------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintBrief {
    pub id: ComplaintId,
    pub number: String,
    pub status: ComplaintStatus,
}

/// An order of 已买到的宝贝 with its complaints, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OrderView {
    pub id: OrderId,
    pub number: String,
    pub title: String,
    pub shop: String,
    /// In fen (分), to avoid floating point.
    pub amount_fen: i64,
    /// The product picture's URL, or None when there is none: either absolute
    /// (`https://…`), or relative to the app's base URL (no leading `/`), e.g.
    /// `products/kettle.svg` for the demo's pictures, which ship with the app (`dist/products/`)
    /// and which the browser resolves against the app's `<base>`, so they work from a
    /// sub-path too. Square; shown as a thumbnail.
    pub image: Option<String>,
    pub placed_at: UtcMillis,
    pub owner: UserId,
    pub complaints: Vec<ComplaintBrief>,
}

impl OrderView {
    /// The rules crate's answer to "may this actor file a complaint on this order now?".
    pub fn check_filing(&self, actor: &Actor) -> Result<(), FilingBlocked> {
        check_filing(
            self.owner,
            actor,
            self.complaints.iter().map(|complaint| complaint.status),
        )
    }

    /// The open complaint, if any: the one to view instead of filing.
    pub fn open_complaint(&self) -> Option<&ComplaintBrief> {
        self.complaints
            .iter()
            .find(|complaint| complaint.status.is_open())
    }
}

// --- live events -----------------------------------------------------------------------------

/// Sent on `GET /api/events` (Server-Sent Events, event name `complaint`) whenever one of the
/// signed-in user's complaints changes (for an agent: any complaint or assistance request).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ComplaintChanged {
    pub complaint_id: ComplaintId,
    pub status: ComplaintStatus,
    pub version: i64,
    pub at: UtcMillis,
}

pub const COMPLAINT_EVENT: &str = "complaint";

/// Sent on `GET /api/events` when changes may have been missed (the server's own feed had a
/// gap): the client reloads what it shows.
pub const RESYNC_EVENT: &str = "resync";

/// The last event of a stream whose session ended (signed out, or expired).
pub const SESSION_ENDED_EVENT: &str = "session_ended";

// --- errors ----------------------------------------------------------------------------------

/// Every error response: `{"error":{"code":"window_expired","message":"…", …}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ErrorBody {
    pub error: ApiError,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// English, for logs and API users; the app shows its own text for `code`.
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ErrorDetail>,
}

/// What the app needs to explain an error beyond its code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ErrorDetail {
    /// The rules refused a withdrawal.
    Blocked { blocked: Blocked },
    /// A text did not validate.
    Text { text: TextError },
    /// `conflict`: the complaint as it is now.
    Conflict { current: Box<ComplaintDetail> },
    /// `invalid_transition`
    Transition {
        from: ComplaintStatus,
        to: ComplaintStatus,
    },
    /// `rate_limited`
    RetryAfter { seconds: u32 },
}

/// The schemas of what the rules check, in the OpenAPI document: the limits the server
/// enforces, from `POLICY` and the rules crate's character classes, so that a request the
/// document allows is never refused as invalid (only for what the document cannot know: the
/// complaint's state, a reused idempotency key).
#[cfg(feature = "openapi")]
mod schema {
    use complaint_rules::{TextLimits, POLICY, REFUSED_CHARACTERS, TRIMMED_CHARACTERS};
    use utoipa::openapi::schema::{
        AdditionalProperties, KnownFormat, Object, ObjectBuilder, OneOfBuilder, SchemaFormat, Type,
    };
    use utoipa::openapi::{RefOr, Schema};

    use crate::FIRST_VERSION;

    /// `\uXXXX`: every character here is in the Basic Multilingual Plane, which both
    /// ECMA-262 and Python regexes (schemathesis) read so.
    fn escape(c: char) -> String {
        let code = u32::from(c);
        assert!(code <= 0xFFFF, "a BMP character");
        format!("\\u{code:04X}")
    }

    /// The ranges as the inside of a regex character class.
    fn ranges(ranges: &[(char, char)]) -> String {
        ranges
            .iter()
            .map(|&(first, last)| match first == last {
                true => escape(first),
                false => format!("{}-{}", escape(first), escape(last)),
            })
            .collect()
    }

    /// The regex of the texts the rules accept within `limits`: whatever trimming removes at
    /// both ends, around a text that begins and ends with neither a trimmed nor a refused
    /// character and holds no refused one, `limits` characters long with a CR LF counted as
    /// the one line break it becomes. (A lone CR, which the rules also turn into a line
    /// break, is left out: the regex stays within what is accepted, and counts exactly.)
    fn text_pattern(limits: TextLimits) -> String {
        let trimmed = format!("[{}]*", ranges(&TRIMMED_CHARACTERS));
        let edge = format!(
            "[^{}{}]",
            ranges(&REFUSED_CHARACTERS),
            ranges(&TRIMMED_CHARACTERS)
        );
        let inner = format!(
            "(?:{}{}|[^{}{}])",
            escape('\r'),
            escape('\n'),
            ranges(&REFUSED_CHARACTERS),
            escape('\r')
        );
        let (min, max) = (limits.min_chars, limits.max_chars);
        assert!(max >= 2 && min <= max, "limits this regex can state");
        // One edge character, or two around `min - 2 ..= max - 2` inner ones.
        let pair = |least: usize| format!("{edge}{inner}{{{},{}}}{edge}", least, max - 2);
        let core = match min {
            0 => format!("(?:{edge}(?:{inner}{{0,{}}}{edge})?)?", max - 2),
            1 => format!("{edge}(?:{inner}{{0,{}}}{edge})?", max - 2),
            _ => pair(min - 2),
        };
        format!("^{trimmed}{core}{trimmed}$")
    }

    /// A free text as the rules validate it. No `maxLength`: trimming lets a longer text
    /// through; the pattern states the limit exactly.
    fn text(limits: TextLimits, what: &str) -> Object {
        let (min, max) = (limits.min_chars, limits.max_chars);
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length((min > 0).then_some(min))
            .pattern(Some(text_pattern(limits)))
            .description(Some(format!(
                "{what}: {min}–{max} characters (Unicode scalar values) once trimmed, a CR LF \
                 counting as one; no control character other than line breaks, no \
                 bidirectional override or isolate."
            )))
            .build()
    }

    pub fn description() -> Object {
        text(POLICY.description, "What went wrong")
    }

    pub fn rejection_reason() -> Object {
        text(POLICY.rejection_reason, "Why the request is rejected")
    }

    pub fn pressure_note() -> Object {
        text(
            POLICY.pressure_note,
            "What the seller said or did (optional)",
        )
    }

    pub fn expected_version() -> Object {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .minimum(Some(FIRST_VERSION))
            .description(Some(
                "The complaint version the user saw (versions start at 1); a mismatch is a \
                 409 `conflict`.",
            ))
            .build()
    }

    /// A withdrawal's reason and note, with `fields` around them: one object per set of
    /// reasons that share their note limits (`POLICY.note_limits`), so that a note too short
    /// for its reason is outside the document.
    pub fn by_reason(description: &str, fields: &[(&str, RefOr<Schema>, bool)]) -> RefOr<Schema> {
        let mut groups: Vec<(TextLimits, Vec<&'static str>)> = Vec::new();
        for &reason in POLICY.revoke_reasons {
            let limits = POLICY.note_limits(reason);
            match groups.iter_mut().find(|(group, _)| *group == limits) {
                Some((_, codes)) => codes.push(reason.code()),
                None => groups.push((limits, vec![reason.code()])),
            }
        }
        let mut one_of = OneOfBuilder::new().description(Some(description));
        for (limits, codes) in groups {
            let reason = ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(codes))
                .description(Some("Why the complaint is withdrawn (撤销原因)"));
            let mut object = ObjectBuilder::new()
                .schema_type(Type::Object)
                .additional_properties(Some(AdditionalProperties::FreeForm(false)))
                .property("reason", reason)
                .required("reason")
                .property("note", text(limits, "The note (简要说明)"));
            // A missing note is an empty one.
            if limits.min_chars > 0 {
                object = object.required("note");
            }
            for (name, schema, required) in fields {
                object = object.property(*name, schema.clone());
                if *required {
                    object = object.required(*name);
                }
            }
            one_of = one_of.item(object);
        }
        one_of.into()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_text_pattern_counts_the_trimmed_text() {
            let pattern = text_pattern(TextLimits {
                min_chars: 5,
                max_chars: 200,
            });
            assert!(pattern.starts_with("^[\\u0009-\\u000D\\u0020"), "{pattern}");
            assert!(pattern.contains("{3,198}"), "{pattern}");
            assert!(text_pattern(TextLimits {
                min_chars: 0,
                max_chars: 200
            })
            .contains("{0,198}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_body_has_the_documented_shape() {
        let body = ErrorBody {
            error: ApiError {
                code: ErrorCode::WindowExpired,
                message: "the self-service window has ended".into(),
                detail: Some(ErrorDetail::Blocked {
                    blocked: Blocked::WindowExpired {
                        deadline: UtcMillis(10),
                    },
                }),
            },
        };
        let json = serde_json::to_string(&body).unwrap();
        assert_eq!(
            json,
            r#"{"error":{"code":"window_expired","message":"the self-service window has ended","detail":{"kind":"blocked","blocked":{"code":"window_expired","deadline":10}}}}"#
        );
        assert_eq!(serde_json::from_str::<ErrorBody>(&json).unwrap(), body);
    }

    #[test]
    fn eligibility_is_decided_by_the_rules_crate() {
        let facts = ComplaintFacts {
            owner: UserId(1),
            status: ComplaintStatus::Arbitration,
            filed_at: UtcMillis(0),
        };
        let actor = Actor {
            id: UserId(1),
            role: Role::Shopper,
            real_name: RealName::Verified,
        };
        assert_eq!(
            Eligibility::evaluate(&facts, &actor, UtcMillis(1)),
            Eligibility::Blocked {
                blocked: Blocked::InArbitration,
                next_step: NextStep::AppealToCustomerService
            }
        );
    }

    fn summary(status: ComplaintStatus, filed_at: UtcMillis) -> ComplaintSummary {
        ComplaintSummary {
            id: ComplaintId(1),
            number: "TS20261126000001".into(),
            owner: UserId(1),
            order: OrderBrief {
                id: OrderId(1),
                number: "3912845570216634".into(),
                title: "电热水壶".into(),
                shop: "小熊电器官方旗舰店".into(),
                amount_fen: 9_900,
                image: Some("products/kettle.svg".into()),
            },
            kind: ComplaintKind::Quality,
            status,
            filed_at,
            version: 1,
            assistance_pending: false,
        }
    }

    #[test]
    fn the_groups_are_the_rules_answers() {
        let owner = Actor {
            id: UserId(1),
            role: Role::Shopper,
            real_name: RealName::Verified,
        };
        let now = UtcMillis(1_764_000_000_000);
        let window = complaint_rules::POLICY.self_service_window_ms;
        for status in ComplaintStatus::ALL {
            // Open and ended split every status.
            assert_ne!(
                ComplaintGroup::Open.admits(status),
                ComplaintGroup::Ended.admits(status)
            );
            // Withdrawable is exactly what a verified owner may withdraw now, on both sides
            // of the boundary.
            for filed_at in [now.plus(-window), now.plus(1 - window), now] {
                let complaint = summary(status, filed_at);
                assert_eq!(
                    ComplaintGroup::Withdrawable.contains(&complaint, now),
                    check_revoke(&complaint.facts(), &owner, now).is_ok(),
                    "{status:?} filed {} ms before",
                    now.0 - filed_at.0
                );
                assert_eq!(
                    ComplaintGroup::Withdrawable.contains(&complaint, now),
                    status.is_withdrawable()
                        && filed_at >= ComplaintGroup::Withdrawable.filed_since(now).unwrap()
                );
            }
        }
        assert_eq!(
            ComplaintGroup::Withdrawable.statuses().collect::<Vec<_>>(),
            [ComplaintStatus::Pending, ComplaintStatus::Processing]
        );
        assert_eq!(ComplaintGroup::Open.filed_since(now), None);
        for group in ComplaintGroup::ALL {
            assert_eq!(
                serde_json::to_value(group).unwrap(),
                serde_json::Value::from(group.code())
            );
        }
    }

    #[test]
    fn pressure_shapes_are_the_documented_ones() {
        let request: PressureReportRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(request.note, "");
        assert!(serde_json::from_str::<PressureReportRequest>(r#"{"note":"","x":1}"#).is_err());
        assert_eq!(
            serde_json::to_value(TimelineEventKind::PressureReported).unwrap(),
            serde_json::json!({"type": "pressure_reported"})
        );
        assert_eq!(
            serde_json::to_value(TimelineEventKind::PressureHandled).unwrap(),
            serde_json::json!({"type": "pressure_handled"})
        );
        let view = PressureReportView {
            id: PressureReportId(3),
            complaint_id: ComplaintId(7),
            status: PressureReportStatus::Open,
            note: "商家要求撤销".into(),
            reported_at: UtcMillis(10),
            handled_at: None,
        };
        assert_eq!(
            serde_json::to_value(&view).unwrap(),
            serde_json::json!({"id": 3, "complaint_id": 7, "status": "open",
                "note": "商家要求撤销", "reported_at": 10, "handled_at": null})
        );
    }

    #[test]
    fn integers_may_be_written_as_integral_floats_and_nothing_else() {
        let read = |json: &str| serde_json::from_str::<TransitionRequest>(json);
        let version = |json: &str| read(json).map(|request| request.expected_version);
        assert_eq!(
            version(r#"{"move":"close","expected_version":3}"#).unwrap(),
            3
        );
        assert_eq!(
            version(r#"{"move":"close","expected_version":3.0}"#).unwrap(),
            3
        );
        assert_eq!(
            version(r#"{"move":"close","expected_version":-2e3}"#).unwrap(),
            -2000
        );
        for refused in [
            "3.5",
            "1e300",
            "9007199254740994.0",
            "9223372036854775808",
            "\"3\"",
            "null",
        ] {
            assert!(
                read(&format!(
                    r#"{{"move":"close","expected_version":{refused}}}"#
                ))
                .is_err(),
                "{refused}"
            );
        }
        let request: NewComplaintRequest = serde_json::from_str(
            r#"{"order_id":12.0,"kind":"other","description":"something went wrong"}"#,
        )
        .unwrap();
        assert_eq!(request.order_id, OrderId(12));
        assert!(serde_json::from_str::<OrderId>("12.5").is_err());
        assert_eq!(serde_json::to_string(&OrderId(12)).unwrap(), "12");
    }

    #[test]
    fn revoke_request_refuses_unknown_fields_and_reasons() {
        assert!(serde_json::from_str::<RevokeRequest>(
            r#"{"reason":"resolved","note":"","expected_version":1,"force":true}"#
        )
        .is_err());
        assert!(serde_json::from_str::<RevokeRequest>(
            r#"{"reason":"bored","note":"","expected_version":1}"#
        )
        .is_err());
        let ok: RevokeRequest =
            serde_json::from_str(r#"{"reason":"mistaken","expected_version":3}"#).unwrap();
        assert_eq!(ok.note, "");
    }
}
