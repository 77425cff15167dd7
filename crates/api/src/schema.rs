//! The schemas of what the rules check, in the OpenAPI document: the limits the server
//! enforces, from `POLICY` and the rules crate's character classes, so that a request the
//! document allows is never refused as invalid (only for what the document cannot know: the
//! complaint's state, a reused idempotency key).

use complaint_rules::{
    ArbitrationNoteKind, PressureKind, Remedy, TextLimits, POLICY, REFUSED_CHARACTERS,
    TRIMMED_CHARACTERS,
};
use utoipa::openapi::schema::{
    AdditionalProperties, Array, ArrayBuilder, KnownFormat, Object, ObjectBuilder, OneOfBuilder,
    SchemaFormat, Type,
};
use utoipa::openapi::{Ref, RefOr, Schema};
use utoipa::ToSchema;

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

/// A message's text (it may be empty when the message carries pictures or a request).
pub fn message_text() -> Object {
    text(POLICY.message, "The message")
}

/// A message's pictures: ids of the sender's uploads, at most the policy's number.
pub fn message_images() -> Array {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64))),
        )
        .max_items(Some(POLICY.evidence.max_images_per_message))
        .description(Some(
            "Pictures the sender uploaded (`POST /api/images`) and has not sent yet, in their \
             order",
        ))
        .build()
}

/// A string that is exactly `value` (a tag).
fn constant(value: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some([value]))
        .build()
}

/// `null`, or the schema `name` (an optional field that may also be sent as `null`).
fn nullable_ref(name: &str) -> RefOr<Schema> {
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .item(Ref::from_schema_name(name))
        .into()
}

/// The safeguards' answers of a withdrawal (`check_safeguards`), beside its reason and note.
pub fn safeguard_fields() -> [(&'static str, RefOr<Schema>, bool); 2] {
    [
        ("remedy", nullable_ref(&Remedy::name()), false),
        (
            "accepted_risk",
            ObjectBuilder::new()
                .schema_type(Type::Boolean)
                .description(Some(
                    "The remedy has not arrived (`not_yet`) and the owner withdraws anyway",
                ))
                .into(),
            false,
        ),
    ]
}

/// A typed request (`ServiceRequest`): a `oneOf` with an object per request type, and for
/// those whose note's limits depend on a choice (the reason, the kind of arbitration note),
/// one per set of choices sharing their limits.
pub fn service_request() -> RefOr<Schema> {
    let mut one_of = OneOfBuilder::new().description(Some(
        "What the owner asks customer service to do (by `type`): an assisted withdrawal, an \
         arbitration note, a pressure report.",
    ));
    let mut withdrawal = vec![("type", constant("assisted_withdrawal").into(), true)];
    withdrawal.extend(safeguard_fields());
    if let RefOr::T(Schema::OneOf(by_reason)) = by_reason(
        "An assisted withdrawal (客服协助撤销): the same questions as self-service.",
        &withdrawal,
    ) {
        for item in by_reason.items {
            one_of = one_of.item(item);
        }
    }
    for kind in [ArbitrationNoteKind::Settled, ArbitrationNoteKind::Appeal] {
        let limits = POLICY.arbitration_note_limits(kind);
        let kind_schema = ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some([complaint_rules::Vocabulary::code(kind)]));
        let mut object = ObjectBuilder::new()
            .schema_type(Type::Object)
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property("type", constant("arbitration_note"))
            .required("type")
            .property("kind", kind_schema)
            .required("kind")
            .property("note", text(limits, "The note on the arbitration"));
        if limits.min_chars > 0 {
            object = object.required("note");
        }
        one_of = one_of.item(object);
    }
    one_of = one_of.item(
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property("type", constant("pressure_report"))
            .required("type")
            .property("kind", Ref::from_schema_name(PressureKind::name()))
            .required("kind")
            .property("note", pressure_note()),
    );
    one_of.into()
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
    for &reason in POLICY.withdrawal_reasons {
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
