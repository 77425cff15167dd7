//! The schemas of what the rules check, in the OpenAPI document: the limits the server
//! enforces, from `POLICY` and the rules crate's character classes, so that a request the
//! document allows is never refused as invalid (only for what the document cannot know: the
//! complaint's state, a reused idempotency key).

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
