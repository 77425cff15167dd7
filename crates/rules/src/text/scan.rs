//! The one pass over a trimmed text that [`super::validate_text_cow`] makes: it finds the
//! first forbidden character (or a `\r`) and counts the characters, 32 bytes at a time.

/// `\r\n` and then every remaining `\r` become `\n` (what
/// `replace("\r\n", "\n").replace('\r', "\n")` does), in one allocation.
pub(super) fn normalise_line_breaks(text: &str) -> String {
    let mut normalised = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        normalised.push_str(&rest[..at]);
        normalised.push('\n');
        rest = &rest[at + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    normalised.push_str(rest);
    normalised
}

/// What one pass over a trimmed text found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scan {
    /// No forbidden character and no `\r`; this many Unicode scalar values.
    Chars(usize),
    /// The first forbidden character, at this scalar-value position, comes before any `\r`
    /// (so the position is the same in the normalised text).
    Forbidden { position: usize },
    /// A `\r` comes first: the text must be normalised, then scanned again.
    CarriageReturn,
}

/// Whether the character whose UTF-8 encoding begins with the bytes `b0 b1 b2` (`b0` a
/// character boundary; `b1`, `b2` whatever follows, or anything past the end) stops the
/// scan: a `\r`, or a refused character.
///
/// Line breaks are allowed; every other control character (Unicode Cc, a stable property:
/// exactly U+0000–U+001F and U+007F–U+009F) is refused, and so are the bidirectional
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that can make a text read other
/// than it is. In UTF-8 those are 00–1F and 7F, C2 80–C2 9F, E2 80 AA–E2 80 AE and
/// E2 81 A6–E2 81 A9 (a lead byte C2 or E2 is always followed by its continuation bytes).
fn stops(b0: u8, b1: u8, b2: u8) -> bool {
    let c0 = (b0 < 0x20) & (b0 != b'\n');
    let c1 = (b0 == 0xC2) & (b1 < 0xA0);
    let bidi = (b0 == 0xE2)
        & (((b1 == 0x80) & (b2.wrapping_sub(0xAA) < 5))
            | ((b1 == 0x81) & (b2.wrapping_sub(0xA6) < 4)));
    c0 | (b0 == 0x7F) | c1 | bidi
}

/// A byte that can begin a character that [`stops`] the scan: a C0 control, DEL, or the
/// lead byte of U+0080–U+00BF (C2) or of U+2000–U+2FFF (E2). Over-inclusive (`\n` is
/// allowed, and C2 and E2 also begin allowed characters such as `©`, `“` or `…`), but cheap:
/// four byte comparisons, where leaving `\n` out would cost two more per 16 bytes (a
/// quarter of the scan's time on long texts).
fn suspicious(byte: u8) -> bool {
    (byte < 0x20) | (byte == 0x7F) | ((byte & 0xDF) == 0xC2)
}

/// Whether a byte begins a character (is not a continuation byte 80–BF).
fn starts_char(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

/// The bytes the scan looks at together.
const BLOCK: usize = 32;

/// Whether a block holds a [`suspicious`] byte, and how many characters begin in it.
///
/// On targets with 16-byte vectors (x86-64's SSE2, AArch64's NEON, wasm's simd128) the
/// per-byte form below compiles to vector instructions, 16 bytes per instruction. Without
/// them (the app's plain wasm32) the same answer is computed eight bytes at a time in `u64`
/// words ([`scan_block_words`]). Both are tested to agree.
fn scan_block(block: &[u8; BLOCK]) -> (bool, usize) {
    if cfg!(any(
        target_feature = "sse2",
        target_feature = "neon",
        target_feature = "simd128"
    )) {
        scan_block_lanes(block)
    } else {
        scan_block_words(block)
    }
}

fn scan_block_lanes(block: &[u8; BLOCK]) -> (bool, usize) {
    let mut any_suspicious = 0u8;
    let mut starts = 0u8;
    for &byte in block {
        any_suspicious |= suspicious(byte) as u8;
        starts += starts_char(byte) as u8;
    }
    (any_suspicious != 0, starts as usize)
}

/// `0x0101…01`: one in every byte lane of a word.
const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
/// `0x8080…80`: the high bit of every byte lane.
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
/// `0x7F7F…7F`.
const LOWS: u64 = !HIGHS;

/// The high bit of each byte lane of `word` that equals `byte`, exactly (no carry crosses a
/// lane: `(x & 0x7F) + 0x7F` ≤ 0xFE).
fn lanes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * byte as u64);
    !(((x & LOWS) + LOWS) | x) & HIGHS
}

/// The high bit of each byte lane of `word` below `limit` (1 ≤ `limit` ≤ 0x80), exactly.
fn lanes_below(word: u64, limit: u8) -> u64 {
    !(((word & LOWS) + ONES * (0x80 - limit) as u64) | word) & HIGHS
}

/// [`scan_block_lanes`] on `u64` words (SWAR): the same answer, for targets without vectors.
fn scan_block_words(block: &[u8; BLOCK]) -> (bool, usize) {
    let mut suspicious = 0u64;
    let mut continuations = 0;
    for chunk in block.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        suspicious |= lanes_below(word, 0x20)
            | lanes_equal(word, 0x7F)
            | lanes_equal(word & u64::from_ne_bytes([0xDF; 8]), 0xC2);
        // A continuation byte is 10xxxxxx: high bit set, next bit clear.
        continuations += (word & !(word << 1) & HIGHS).count_ones() as usize;
    }
    (suspicious != 0, BLOCK - continuations)
}

/// One pass over `bytes` (valid UTF-8): counts the characters and stops at the first
/// forbidden character or `\r`. Each block is tested branch-free for suspicious bytes; only
/// in a block with one are those bytes tested exactly ([`stop_in_block`]). The last,
/// partial block is read in place, a half block at once, then byte by byte.
pub(super) fn scan(bytes: &[u8]) -> Scan {
    let mut chars = 0;
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut start = 0;
    for block in &mut blocks {
        let (suspicious, starts) = scan_block(block.try_into().expect("a whole block"));
        if suspicious {
            if let Some(found) = stop_in_block(bytes, start, start + BLOCK, chars) {
                return found;
            }
        }
        chars += starts;
        start += BLOCK;
    }
    // The last, partial block in place (no padded copy: short texts are the common case):
    // a half block at once if there is one, then byte by byte.
    let mut suspicious_tail = false;
    let mut halves = blocks.remainder().chunks_exact(BLOCK / 2);
    for half in &mut halves {
        let half: &[u8; BLOCK / 2] = half.try_into().expect("a half block");
        let (mut any, mut starts) = (0u8, 0u8);
        for &byte in half {
            any |= suspicious(byte) as u8;
            starts += starts_char(byte) as u8;
        }
        suspicious_tail |= any != 0;
        chars += starts as usize;
    }
    for &byte in halves.remainder() {
        suspicious_tail |= suspicious(byte);
        chars += starts_char(byte) as usize;
    }
    if suspicious_tail {
        let before = chars - bytes[start..].iter().filter(|&&b| starts_char(b)).count();
        if let Some(found) = stop_in_block(bytes, start, bytes.len(), before) {
            return found;
        }
    }
    Scan::Chars(chars)
}

/// Whether a character that [`stops`] the scan begins in the first [`BLOCK`] bytes of
/// `window` (the last two bytes are what follows the block). Branch-free: the compiler
/// tests 16 bytes per instruction.
fn block_stops(window: &[u8; BLOCK + 2]) -> bool {
    let mut any = 0u8;
    for at in 0..BLOCK {
        any |= stops(window[at], window[at + 1], window[at + 2]) as u8;
    }
    any != 0
}

/// Where in the block `bytes[from..to]` (at most [`BLOCK`] bytes, `chars` characters in)
/// the scan stops, if it does: there, only the suspicious bytes are tested exactly, found
/// eight flags at a time. Kept out of [`scan`]'s loop, whose registers it would otherwise
/// take.
#[inline(never)]
fn stop_in_block(bytes: &[u8], from: usize, to: usize, chars: usize) -> Option<Scan> {
    // First, branch-free, whether the scan stops at all in this block (a text with `“”…`
    // has suspicious bytes in most blocks, at irregular places: testing them one by one
    // costs a mispredicted branch each). The window is read in place, two bytes past the
    // block; the last block of the text, without them, goes straight to the exact search.
    if let Some(window) = bytes.get(from..from + BLOCK + 2) {
        if !block_stops(window.try_into().expect("a whole window")) {
            return None;
        }
    }
    let block = &bytes[from..to];
    let mut flags = [0u8; BLOCK];
    for (flag, &byte) in flags.iter_mut().zip(block) {
        *flag = suspicious(byte) as u8;
    }
    let byte = |at: usize| bytes.get(at).copied().unwrap_or(b'a');
    for (first, eight) in flags.chunks_exact(8).enumerate() {
        let mut eight = u64::from_le_bytes(eight.try_into().expect("eight flags"));
        while eight != 0 {
            // Each flag is 0 or 1: the lowest set bit is the first flagged byte.
            let offset = first * 8 + eight.trailing_zeros() as usize / 8;
            eight &= eight - 1;
            let at = from + offset;
            if stops(bytes[at], byte(at + 1), byte(at + 2)) {
                return Some(if bytes[at] == b'\r' {
                    Scan::CarriageReturn
                } else {
                    let before = block[..offset].iter().filter(|&&b| starts_char(b)).count();
                    Scan::Forbidden {
                        position: chars + before,
                    }
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every interesting byte in every lane, and pseudo-random ones.
    fn blocks() -> Vec<[u8; BLOCK]> {
        let mut blocks = Vec::new();
        for byte in 0..=255u8 {
            for lane in 0..BLOCK {
                let mut block = [b'a'; BLOCK];
                block[lane] = byte;
                blocks.push(block);
                let mut block = [0xE9; BLOCK];
                block[lane] = byte;
                blocks.push(block);
                let mut block = [0x80; BLOCK];
                block[lane] = byte;
                blocks.push(block);
            }
            blocks.push([byte; BLOCK]);
        }
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            let mut block = [0; BLOCK];
            for byte in &mut block {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                *byte = state as u8;
            }
            blocks.push(block);
        }
        blocks
    }

    #[test]
    fn the_word_scan_answers_like_the_byte_scan() {
        for block in blocks() {
            let expected = (
                block.iter().any(|&byte| suspicious(byte)),
                block.iter().filter(|&&byte| starts_char(byte)).count(),
            );
            assert_eq!(scan_block_lanes(&block), expected, "{block:02x?}");
            assert_eq!(scan_block_words(&block), expected, "{block:02x?}");
        }
    }

    #[test]
    fn the_lane_tests_are_exact() {
        for byte in 0..=255u8 {
            for other in [0u8, 0x0A, 0x1F, 0x20, 0x7F, 0x80, 0xC2, 0xE2, 0xFF] {
                let word =
                    u64::from_le_bytes([other, byte, other, other, byte, other, other, byte]);
                for target in [0u8, 0x0A, 0x7F, 0xC2, 0xFF] {
                    let expected = u64::from_le_bytes(
                        [other, byte, other, other, byte, other, other, byte].map(|lane| {
                            if lane == target {
                                0x80
                            } else {
                                0
                            }
                        }),
                    );
                    assert_eq!(lanes_equal(word, target), expected);
                }
                for limit in [1u8, 0x0B, 0x20, 0x80] {
                    let expected = u64::from_le_bytes(
                        [other, byte, other, other, byte, other, other, byte].map(|lane| {
                            if lane < limit {
                                0x80
                            } else {
                                0
                            }
                        }),
                    );
                    assert_eq!(lanes_below(word, limit), expected);
                }
            }
        }
    }

    #[test]
    fn stops_exactly_at_line_breaks_and_refused_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut encoded = [b'a'; 6];
            c.encode_utf8(&mut encoded);
            let refused = (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert_eq!(stops(encoded[0], encoded[1], encoded[2]), refused, "{c:?}");
            if refused {
                assert!(suspicious(encoded[0]), "{c:?}");
            }
        }
    }

    #[test]
    fn scan_counts_and_finds_like_chars() {
        for filler in ["a", "é", "退", "😀", "“"] {
            for len in 0..100 {
                let text = filler.repeat(len);
                assert_eq!(scan(text.as_bytes()), Scan::Chars(len));
                for (at, c) in [
                    (0, '\u{85}'),
                    (len / 2, '\u{2066}'),
                    (len, '\u{7}'),
                    (len, '\r'),
                ] {
                    let mut chars: Vec<char> = text.chars().collect();
                    chars.insert(at, c);
                    let text: String = chars.into_iter().collect();
                    let expected = if c == '\r' {
                        Scan::CarriageReturn
                    } else {
                        Scan::Forbidden { position: at }
                    };
                    assert_eq!(scan(text.as_bytes()), expected, "{text:?}");
                }
            }
        }
    }
}
