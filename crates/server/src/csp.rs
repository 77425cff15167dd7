//! The pure parts of the security headers, shared by the configuration (which checks its
//! flags with them) and the header layer (`security`): origins, `frame-ancestors`
//! sources, and the hashes of the app's inline scripts.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Checks a `--frame-ancestors` value: CSP source expressions separated by spaces, with
/// nothing that could end the directive (`;`, `,`) or the header.
pub fn parse_frame_ancestors(value: &str) -> Result<String, String> {
    let sources: Vec<&str> = value.split_ascii_whitespace().collect();
    if sources.is_empty() {
        return Err("give at least one source, e.g. 'self' or 'none'".into());
    }
    for source in &sources {
        if !source
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b';' && b != b',')
        {
            return Err(format!(
                "{source:?} is not a CSP source expression (no ';' or ',')"
            ));
        }
        if source.starts_with('\'') && !matches!(*source, "'self'" | "'none'") {
            return Err(format!(
                "{source:?}: only 'self' and 'none' are keywords of frame-ancestors"
            ));
        }
    }
    if sources.contains(&"'none'") && sources.len() > 1 {
        return Err("'none' cannot be combined with other sources".into());
    }
    Ok(sources.join(" "))
}

/// `X-Frame-Options` equivalent of `frame-ancestors`, for browsers that only know the old
/// header; `None` when a list of hosts cannot be expressed in it (then it is omitted: every
/// browser that honours a list honours `frame-ancestors`, which then takes precedence).
pub fn x_frame_options(frame_ancestors: &str) -> Option<&'static str> {
    match frame_ancestors {
        "'none'" => Some("DENY"),
        "'self'" => Some("SAMEORIGIN"),
        _ => None,
    }
}

/// The `'sha256-…'` source that allows an inline `<script>` whose text is `script`.
pub fn script_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The `'sha256-…'` source of every inline `<script>` (one without `src`) in `html`, in order
/// of appearance, duplicates removed. HTML comments are skipped.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    // The HTML parser turns CR LF and lone CR into LF before the script text exists.
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    let lower = html.to_ascii_lowercase();
    let mut hashes = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let next_comment = lower[at..].find("<!--").map(|i| at + i);
        let next_script = lower[at..].find("<script").map(|i| at + i);
        let Some(start) = next_script else { break };
        if let Some(comment) = next_comment.filter(|&comment| comment < start) {
            at = lower[comment + 4..]
                .find("-->")
                .map_or(html.len(), |end| comment + 4 + end + 3);
            continue;
        }
        // `<script` must be the whole tag name (not `<scripts>`).
        let after_name = start + "<script".len();
        if !lower[after_name..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            at = after_name;
            continue;
        }
        let Some(tag_end) = lower[after_name..].find('>').map(|i| after_name + i) else {
            break;
        };
        let attributes = &lower[after_name..tag_end];
        let body_start = tag_end + 1;
        let Some(body_end) = lower[body_start..].find("</script").map(|i| body_start + i) else {
            break;
        };
        if !has_src_attribute(attributes) {
            let hash = script_hash(&html[body_start..body_end]);
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        at = body_end + "</script".len();
    }
    hashes
}

fn has_src_attribute(attributes: &str) -> bool {
    let bytes = attributes.as_bytes();
    attributes.match_indices("src").any(|(i, _)| {
        let before_ok = i == 0 || bytes[i - 1].is_ascii_whitespace();
        let rest = attributes[i + 3..].trim_start();
        before_ok && (rest.starts_with('=') || rest.is_empty())
    })
}

/// The origin (`scheme://host[:port]`) of an absolute http(s) URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty()
        || !authority
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
    {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

/// An `http(s)://host[:port]` origin (a `--connect-src` or `--cors-origin` value).
pub fn parse_origin(value: &str) -> Result<String, String> {
    let value = value.trim();
    match origin_of(value) {
        Some(origin) if origin == value.trim_end_matches('/') => Ok(origin),
        _ => Err(format!(
            "{value:?} is not an origin like https://api.example.com"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = "<html><head><script>alert(1)</script>\n<!-- <script>no</script> -->\
                    <script src=\"a.js\"></script><SCRIPT type=\"module\">x\r\ny</SCRIPT>\
                    <scripts>no</scripts><script data-src=\"q\">z</script></head></html>";
        let hashes = inline_script_hashes(html);
        let expect = |text: &str| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text.as_bytes()))
            )
        };
        assert_eq!(
            hashes,
            vec![expect("alert(1)"), expect("x\ny"), expect("z")]
        );
        // The well-known hash of `alert(1)` (as in the CSP specification's examples).
        assert_eq!(
            hashes[0],
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn frame_ancestors_are_validated() {
        assert_eq!(parse_frame_ancestors("'self'").unwrap(), "'self'");
        assert_eq!(
            parse_frame_ancestors("  'self'   https://host.example ").unwrap(),
            "'self' https://host.example"
        );
        assert!(parse_frame_ancestors("").is_err());
        assert!(parse_frame_ancestors("'self'; script-src *").is_err());
        assert!(parse_frame_ancestors("'unsafe-inline'").is_err());
        assert!(parse_frame_ancestors("'none' 'self'").is_err());
        assert_eq!(x_frame_options("'none'"), Some("DENY"));
        assert_eq!(x_frame_options("'self'"), Some("SAMEORIGIN"));
        assert_eq!(x_frame_options("'self' https://host.example"), None);
    }

    #[test]
    fn origins_of_urls() {
        assert_eq!(
            origin_of("https://api.example.com/v1/").as_deref(),
            Some("https://api.example.com")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:4191").as_deref(),
            Some("http://127.0.0.1:4191")
        );
        assert_eq!(origin_of(""), None);
        assert_eq!(origin_of("/api"), None);
        assert_eq!(origin_of("javascript://x"), None);
        assert_eq!(origin_of("https://a.example; script-src *"), None);
    }
}
